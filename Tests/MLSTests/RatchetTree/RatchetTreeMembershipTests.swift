import MLS
import MLSTestSupport
import Testing

/// Adding and removing members (RFC 9420 §7.7, §12.1.1, §12.1.3).
struct RatchetTreeMembershipTests {
    /// Distinct leaves: the identity differs by index.
    func leaves(_ count: Int) throws -> [LeafNode] {
        let fixture = try LeafNodeFixture()
        return try (0..<count).map { index in
            try fixture.leaf { $0.credential = .basic(identity: Array("member\(index)".utf8)) }
        }
    }

    @Test(arguments: [1, 2, 3, 6, 9])
    func batchAddEqualsOneByOneAdds(count: Int) throws {
        let members = try leaves(12)
        var base = RatchetTree(firstLeaf: members[0])
        for leaf in members[1...5] { base.add(leaf) }
        try base.remove(LeafIndex(1))
        try base.remove(LeafIndex(4))
        let newcomers = Array(members[6..<(6 + min(count, 6))])
        var oneByOne = base
        let expected = newcomers.map { oneByOne.add($0) }
        var batch = base
        let indices = batch.add(newcomers)
        #expect(indices == expected)
        #expect(batch == oneByOne)
    }

    @Test func addFillsTheLeftmostBlankThenExtends() throws {
        let members = try leaves(5)
        var tree = RatchetTree(firstLeaf: members[0])
        #expect(tree.add(members[1]) == LeafIndex(1))
        #expect(tree.add(members[2]) == LeafIndex(2))
        #expect(tree.size.leafCount == 4)
        try tree.remove(LeafIndex(1))
        #expect(tree.add(members[3]) == LeafIndex(1))
        #expect(tree.add(members[4]) == LeafIndex(3))
    }

    @Test func removingTheRightmostMembersTruncates() throws {
        let members = try leaves(5)
        var tree = RatchetTree(firstLeaf: members[0])
        for leaf in members.dropFirst() { tree.add(leaf) }
        #expect(tree.size.leafCount == 8)
        try tree.remove(LeafIndex(4))
        #expect(tree.size.leafCount == 4)
        try tree.remove(LeafIndex(3))
        try tree.remove(LeafIndex(2))
        #expect(tree.size.leafCount == 2)
        #expect(throws: TreeError.noSuchLeaf(LeafIndex(2))) { try tree.remove(LeafIndex(2)) }
    }

    @Test func cachedTreeHashFollowsEveryChange() throws {
        let provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let members = try leaves(9)
        var tree = RatchetTree(firstLeaf: members[0])
        func fresh(_ tree: RatchetTree) throws -> [UInt8] {
            try RatchetTree(tree.wireNodes).treeHash(provider: provider)
        }
        for leaf in members[1...4] {
            tree.add(leaf)
            #expect(tree.updateTreeHash(provider: provider) == (try fresh(tree)))
        }
        try tree.update(LeafIndex(2), with: members[5])
        #expect(tree.updateTreeHash(provider: provider) == (try fresh(tree)))
        try tree.remove(LeafIndex(4))
        #expect(tree.updateTreeHash(provider: provider) == (try fresh(tree)))
        _ = tree.add(Array(members[6...8]))
        #expect(tree.updateTreeHash(provider: provider) == (try fresh(tree)))
        #expect(tree.treeHash(of: NodeIndex(1), provider: provider) == (try RatchetTree(tree.wireNodes)).treeHash(of: NodeIndex(1), provider: provider))
    }
}
