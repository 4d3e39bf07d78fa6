/// Tree hashes (RFC 9420 §7.8) remembered per node for one cipher suite.
///
/// A commit changes only the nodes on one or two paths, so keeping the hashes of untouched
/// subtrees makes the root's hash cost O(log n) hashes instead of O(n).
struct TreeHashCache: Sendable {
    private(set) var suite: CipherSuite?
    private(set) var hashes: [[UInt8]?] = []

    func hash(of node: NodeIndex, suite: CipherSuite) -> [UInt8]? {
        guard self.suite == suite, Int(node.rawValue) < hashes.count else { return nil }
        return hashes[Int(node.rawValue)]
    }

    mutating func store(_ hash: [UInt8], for node: NodeIndex, suite: CipherSuite, nodeCount: Int) {
        if self.suite != suite || hashes.count != nodeCount {
            self.suite = suite
            hashes = Array(repeating: nil, count: nodeCount)
        }
        hashes[Int(node.rawValue)] = hash
    }

    /// Forgets the hashes that covered `node`: its own and its ancestors'.
    mutating func invalidate(_ node: NodeIndex, in size: TreeSize) {
        guard !hashes.isEmpty else { return }
        var current: NodeIndex? = node
        while let index = current, Int(index.rawValue) < hashes.count {
            hashes[Int(index.rawValue)] = nil
            current = size.parent(index)
        }
    }

    /// Follows a change of the tree's size: every node's subtree may have changed place.
    mutating func resize(to nodeCount: Int) {
        suite = nil
        hashes = []
    }
}
