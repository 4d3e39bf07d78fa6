import Foundation
import MLS
import MLSVectors
import Testing

/// MLSGate against a live, independent implementation: mls-rs, cipher suite 1 (RFC 9420).
@Suite(.enabled(if: MLSRSPeer.shouldRun, "mls-rs peer not available"), .serialized)
struct MLSRSInteropTests {
    let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    func expectApplication(_ result: ProcessedMessage, _ text: String) {
        guard case .application(let message) = result else {
            Issue.record("expected an application message, got \(result)")
            return
        }
        #expect(message.data == Array(text.utf8))
    }

    /// mls-rs creates the group and adds us; we follow its empty commit, an Add and a Remove.
    @Test func mlsrsCreatesGroupAndMLSGateFollows() async throws {
        let peer = try MLSRSPeer()
        try peer.call("create_client", ["name": "alice"])
        try peer.call("create_client", ["name": "carol"])
        try peer.call("create_group", ["client": "alice"])
        let bob = try Client(suite: suite, credential: .basic(identity: Array("bob".utf8)))
        let bundle = try bob.makeKeyPackage()
        let keyPackage = MLSMessage(body: .keyPackage(bundle.keyPackage)).tlsEncoded.hexString
        let added = try peer.call("add", ["client": "alice", "key_packages": [keyPackage]])
        var group = try await bob.join(MLSRSPeer.message(added, "welcome"), keyPackage: bundle)
        #expect(group.epoch == 1 && group.members.count == 2)

        // Application messages both ways.
        let fromAlice = try peer.call("encrypt", ["client": "alice", "data": Array("hi bob".utf8).hexString])
        expectApplication(try await group.process(MLSRSPeer.message(fromAlice, "message")), "hi bob")
        let fromBob = try group.encrypt(Array("hi alice".utf8))
        let read = try peer.call("process", ["client": "alice", "message": fromBob.tlsEncoded.hexString])
        #expect(read["kind"] as? String == "application" && read["data"] as? String == Array("hi alice".utf8).hexString)

        // An empty commit with a path.
        let update = try peer.call("commit", ["client": "alice"])
        _ = try await group.process(MLSRSPeer.message(update, "commit"))
        #expect(group.epoch == 2)

        // An Add of a third member, then a Remove of it.
        let carolPackage = try peer.call("key_package", ["client": "carol"])
        let addCarol = try peer.call("add", ["client": "alice", "key_packages": [carolPackage["key_package"]!]])
        try peer.call("join", ["client": "carol", "welcome": addCarol["welcome"]!])
        guard case .commit(let summary) = try await group.process(MLSRSPeer.message(addCarol, "commit")) else {
            Issue.record("add not processed")
            return
        }
        #expect(summary.added.count == 1 && group.members.count == 3)
        let fromCarol = try peer.call("encrypt", ["client": "carol", "data": Array("hi all".utf8).hexString])
        expectApplication(try await group.process(MLSRSPeer.message(fromCarol, "message")), "hi all")

        let removeCarol = try peer.call("remove", ["client": "alice", "name": "carol"])
        _ = try await group.process(MLSRSPeer.message(removeCarol, "commit"))
        #expect(group.epoch == 4 && group.members.count == 2)

        // Both sides export the same secret.
        let exported = try peer.call("export", ["client": "alice", "label": "interop", "context": "0102", "length": 32])
        #expect(try group.export(label: "interop", context: [1, 2], length: 32) == MLSRSPeer.bytes(exported, "secret"))
        try peer.call("quit")
    }

    /// We create the group and add an mls-rs member; it follows our update and is removed.
    @Test func mlsgateCreatesGroupAndMLSRSFollows() async throws {
        let peer = try MLSRSPeer()
        try peer.call("create_client", ["name": "dave"])
        let alice = try Client(suite: suite, credential: .basic(identity: Array("alice".utf8)))
        var group = try alice.createGroup()
        let davePackage = try peer.call("key_package", ["client": "dave"])
        guard case .keyPackage(let keyPackage) = try MLSRSPeer.message(davePackage, "key_package").body else {
            Issue.record("not a key package")
            return
        }
        let output = try await group.commit(group.commitBuilder().adding(keyPackage))
        _ = try group.mergePendingCommit()
        let joined = try peer.call("join", ["client": "dave", "welcome": try #require(output.welcome).tlsEncoded.hexString])
        #expect(joined["epoch"] as? Int == 1)

        let hello = try group.encrypt(Array("welcome dave".utf8))
        let read = try peer.call("process", ["client": "dave", "message": hello.tlsEncoded.hexString])
        #expect(read["data"] as? String == Array("welcome dave".utf8).hexString)
        let reply = try peer.call("encrypt", ["client": "dave", "data": Array("thanks".utf8).hexString])
        expectApplication(try await group.process(MLSRSPeer.message(reply, "message")), "thanks")

        // A full update by us.
        let update = try await group.commit(group.commitBuilder().withPath())
        _ = try group.mergePendingCommit()
        let followed = try peer.call("process", ["client": "dave", "message": update.commit.tlsEncoded.hexString])
        #expect(followed["kind"] as? String == "commit" && followed["epoch"] as? Int == 2)
        let exported = try peer.call("export", ["client": "dave", "label": "interop", "context": "", "length": 16])
        #expect(try group.export(label: "interop", context: [], length: 16) == MLSRSPeer.bytes(exported, "secret"))

        // Removing dave: he learns it, and cannot read what follows.
        let daveLeaf = try #require(group.members.first { $0.leaf.credential == .basic(identity: Array("dave".utf8)) })
        let removal = try await group.commit(group.commitBuilder().removing(daveLeaf.index))
        _ = try group.mergePendingCommit()
        let removed = try peer.call("process", ["client": "dave", "message": removal.commit.tlsEncoded.hexString])
        #expect(removed["removed"] as? Bool == true)
        let after = try group.encrypt(Array("gone".utf8))
        #expect(throws: MLSRSPeer.Failure.self) {
            try peer.call("process", ["client": "dave", "message": after.tlsEncoded.hexString])
        }
        try peer.call("quit")
    }
}
