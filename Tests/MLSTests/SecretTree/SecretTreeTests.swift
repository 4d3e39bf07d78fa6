import MLS
import Testing

struct SecretTreeTests {
    let provider = try! DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)

    func makeTree(_ configuration: SecretTreeConfiguration = .default) -> SecretTree {
        SecretTree(
            provider: provider, encryptionSecret: [UInt8](repeating: 7, count: 32), size: TreeSize(leafCount: 4)!,
            configuration: configuration)
    }

    @Test func senderAndReceiverDeriveTheSameKeys() throws {
        var sender = makeTree()
        var receiver = makeTree()
        for _ in 0..<3 {
            let sent = try sender.nextSendingKey(for: LeafIndex(2), type: .application)
            let received = try receiver.key(for: LeafIndex(2), type: .application, generation: sent.generation)
            #expect(sent == received)
        }
        #expect(sender.nextGeneration(for: LeafIndex(2), type: .application) == 3)
        #expect(sender.nextGeneration(for: LeafIndex(2), type: .handshake) == 0)
    }

    @Test func ratchetsOfDifferentLeavesAndTypesDiffer() throws {
        var tree = makeTree()
        let a = try tree.nextSendingKey(for: LeafIndex(0), type: .application)
        let b = try tree.nextSendingKey(for: LeafIndex(1), type: .application)
        let c = try tree.nextSendingKey(for: LeafIndex(0), type: .handshake)
        #expect(a.key != b.key && a.key != c.key && b.key != c.key)
    }

    @Test func consumedKeyIsDeleted() throws {
        var tree = makeTree()
        _ = try tree.key(for: LeafIndex(1), type: .application, generation: 0)
        #expect(throws: SecretTreeError.keyNoLongerAvailable(generation: 0)) {
            try tree.key(for: LeafIndex(1), type: .application, generation: 0)
        }
    }

    @Test func lateMessageWithinToleranceDecrypts() throws {
        var sender = makeTree()
        var receiver = makeTree()
        let keys = try (0..<5).map { _ in try sender.nextSendingKey(for: LeafIndex(3), type: .application) }
        #expect(try receiver.key(for: LeafIndex(3), type: .application, generation: 4) == keys[4])
        #expect(try receiver.key(for: LeafIndex(3), type: .application, generation: 1) == keys[1])
        #expect(try receiver.key(for: LeafIndex(3), type: .application, generation: 0) == keys[0])
    }

    @Test func skippedKeysOutsideToleranceAreDropped() throws {
        var receiver = makeTree(SecretTreeConfiguration(outOfOrderTolerance: 2))
        _ = try receiver.key(for: LeafIndex(0), type: .application, generation: 10)
        _ = try receiver.key(for: LeafIndex(0), type: .application, generation: 8)
        #expect(throws: SecretTreeError.keyNoLongerAvailable(generation: 7)) {
            try receiver.key(for: LeafIndex(0), type: .application, generation: 7)
        }
    }

    @Test func retainedKeyCountIsCapped() throws {
        var receiver = makeTree(SecretTreeConfiguration(outOfOrderTolerance: 100, maxRetainedKeys: 3))
        _ = try receiver.key(for: LeafIndex(0), type: .application, generation: 10)
        _ = try receiver.key(for: LeafIndex(0), type: .application, generation: 9)
        #expect(throws: SecretTreeError.keyNoLongerAvailable(generation: 6)) {
            try receiver.key(for: LeafIndex(0), type: .application, generation: 6)
        }
    }

    @Test func generationTooFarAheadIsRefusedAndLeavesTreeUnchanged() throws {
        var sender = makeTree()
        var receiver = makeTree(SecretTreeConfiguration(maxForwardDistance: 5))
        let first = try sender.nextSendingKey(for: LeafIndex(0), type: .handshake)
        #expect(throws: SecretTreeError.generationTooFarAhead(requested: 6, next: 0, limit: 5)) {
            try receiver.key(for: LeafIndex(0), type: .handshake, generation: 6)
        }
        #expect(try receiver.key(for: LeafIndex(0), type: .handshake, generation: 0) == first)
    }

    @Test func leafOutsideTreeIsRefused() {
        var tree = makeTree()
        #expect(throws: SecretTreeError.leafOutOfRange(LeafIndex(4))) {
            try tree.key(for: LeafIndex(4), type: .application, generation: 0)
        }
    }
}
