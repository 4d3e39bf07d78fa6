import MLS
import MLSTestSupport
import Testing

struct LeafNodeTests {
    @Test(arguments: [
        LeafNodeSource.keyPackage(Lifetime(notBefore: 1, notAfter: 2)), .update, .commit(parentHash: [0xAB]),
    ])
    func leafNodeRoundTrips(source: LeafNodeSource) throws {
        let leaf = WireFixtures.leafNode(source: source)
        #expect(try LeafNode(tlsEncoded: leaf.tlsEncoded) == leaf)
    }

    @Test func keyPackageTBSOmitsGroupIDAndLeafIndex() throws {
        let leaf = WireFixtures.leafNode()
        let unsigned = Array(leaf.tlsEncoded.dropLast(4))  // opaque signature<V> of three octets
        #expect(leaf.tbsEncoded(groupID: [0x67], leafIndex: LeafIndex(3)) == unsigned)
        #expect(leaf.keyPackageTBSEncoded == unsigned)
    }

    @Test(arguments: [LeafNodeSource.update, .commit(parentHash: [0xAB])])
    func updateAndCommitTBSAppendGroupIDAndLeafIndex(source: LeafNodeSource) throws {
        let leaf = WireFixtures.leafNode(source: source)
        let unsigned = Array(leaf.tlsEncoded.dropLast(4))
        #expect(leaf.tbsEncoded(groupID: [0x67], leafIndex: LeafIndex(3)) == unsigned + [1, 0x67, 0, 0, 0, 3])
        #expect(leaf.keyPackageTBSEncoded == nil)
    }

    @Test(arguments: [0 as UInt8, 4])
    func decoderRejectsUnknownLeafNodeSource(value: UInt8) {
        #expect(throws: CodecError.invalidValue(field: "LeafNodeSource", value: UInt64(value))) {
            try LeafNodeSource(tlsEncoded: [value])
        }
    }

    @Test func ratchetTreeWithBlanksRoundTrips() throws {
        let tree = RatchetTreeNodes(nodes: [
            .leaf(WireFixtures.leafNode()),
            .parent(ParentNode(encryptionKey: [1], parentHash: [], unmergedLeaves: [LeafIndex(2)])),
            nil,
        ])
        let bytes = tree.tlsEncoded
        #expect(bytes.last == 0)
        #expect(try RatchetTreeNodes(tlsEncoded: bytes) == tree)
    }

    @Test(arguments: [0 as UInt8, 3])
    func decoderRejectsUnknownNodeType(value: UInt8) {
        #expect(throws: CodecError.invalidValue(field: "NodeType", value: UInt64(value))) {
            try RatchetTreeNodes(tlsEncoded: [2, 1, value])
        }
    }

    @Test func decoderRejectsInvalidNodePresenceOctet() {
        #expect(throws: CodecError.invalidOptionalPresence(2)) { try RatchetTreeNodes(tlsEncoded: [1, 2]) }
    }
}
