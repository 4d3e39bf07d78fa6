import MLS

/// Runs `tree-math.json` (RFC 9420 Appendix C).
///
/// Verification, for a tree of `n_leaves` leaves:
/// - `n_nodes` is the number of nodes, `root` the root's index;
/// - `left[i]`, `right[i]`, `parent[i]` and `sibling[i]` are those of node `i`, or null where
///   the node has none.
enum TreeMathRunner: VectorRunner {
    struct Case: Decodable {
        var n_leaves: UInt32
        var n_nodes: UInt32
        var root: UInt32
        var left: [UInt32?]
        var right: [UInt32?]
        var parent: [UInt32?]
        var sibling: [UInt32?]
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        guard let size = TreeSize(leafCount: c.n_leaves) else {
            throw VectorCheckFailed("n_leaves", "\(c.n_leaves) is not a power of two")
        }
        try expectEqual(size.nodeCount, c.n_nodes, "n_nodes")
        try expectEqual(size.root.rawValue, c.root, "root")
        let columns: [(String, [UInt32?], (NodeIndex) -> NodeIndex?)] = [
            ("left", c.left, size.left),
            ("right", c.right, size.right),
            ("parent", c.parent, size.parent),
            ("sibling", c.sibling, size.sibling),
        ]
        for (name, expected, compute) in columns {
            try expectEqual(expected.count, Int(c.n_nodes), "\(name).count")
            for (i, value) in expected.enumerated() {
                try expectEqual(compute(NodeIndex(UInt32(i)))?.rawValue, value, "\(name)[\(i)]")
            }
        }
        return .passed
    }
}
