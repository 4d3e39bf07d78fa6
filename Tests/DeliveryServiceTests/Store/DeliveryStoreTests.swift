import DeliveryService
import Foundation
import MLS
import Testing
import XMPP

@Suite struct DeliveryStoreTests {
    @Test func fileStoreRunsInWALModeWithEveryMigration() throws {
        let store = try DeliveryStore(path: Fixtures.temporaryDatabasePath())
        #expect(try store.isWriteAheadLogging())
        #expect(
            try store.appliedMigrations() == [
                "0001_key_packages", "0002_fetch_quotas", "0003_rooms", "0004_accepted_messages",
                "0005_served_key_packages", "0006_bot_state", "0007_room_policies", "0008_service_signing_keys",
                "0009_room_creators",
            ])
        try store.close()
    }

    /// The pool turns WAL on after its `prepareDatabase` hook and sets `synchronous = NORMAL` then, so a mode set
    /// in that hook would be lost: the writing connection must report the mode asked for.
    @Test(arguments: SynchronousMode.allCases)
    func theWritingConnectionRunsInTheModeAskedFor(mode: SynchronousMode) throws {
        let store = try DeliveryStore(path: Fixtures.temporaryDatabasePath(), synchronous: mode)
        #expect(try store.synchronousMode() == mode)
        #expect(try store.isWriteAheadLogging())
        try store.close()
    }

    @Test func aFileStoreSyncsEveryCommitByDefault() throws {
        let store = try DeliveryStore.creating(path: Fixtures.temporaryDatabasePath())
        #expect(try store.synchronousMode() == .full)
        try store.close()
    }

    @Test func unopenablePathIsAStoreError() {
        let error = #expect(throws: StoreError.self) {
            try DeliveryStore(path: "/nonexistent-dir/x/y.sqlite")
        }
        #expect(error?.code == .openFailed)
    }

    @Test func reopeningLosesNoAcceptedMessageAndServesNoKeyPackageTwice() async throws {
        let path = Fixtures.temporaryDatabasePath()
        let now = Date()
        let bob = try Fixtures.jid("bob@example.org")
        let alice = try Fixtures.jid("alice@example.org")
        let room = try Fixtures.room()
        let bobClient = try Fixtures.client("bob@example.org")
        let uploads = try (0..<2).map { _ in
            KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(bobClient))
        }

        var group = try Fixtures.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        let firstServed: [[UInt8]]
        let accepted: AcceptedMessage
        do {
            let store = try DeliveryStore(path: path)
            let directory = KeyPackageDirectory(store: store)
            _ = try directory.publish(uploads, publisher: bob, now: now)
            firstServed = try directory.fetch(
                target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now
            )
            .keyPackages
            accepted = try RoomSequencer(store: store).submit(
                room: room, sender: alice, payload: commit.commit.tlsEncoded,
                groupInfo: commit.groupInfo.tlsEncoded,
                now: now)
            try store.close()
        }

        let store = try DeliveryStore(path: path)
        let directory = KeyPackageDirectory(store: store)
        let sequencer = RoomSequencer(store: store)
        #expect(try sequencer.currentEpoch(room: room) == 1)
        #expect(try sequencer.groupInfo(room: room) == commit.groupInfo.tlsEncoded)
        let history = try sequencer.history(room: room, after: nil, limit: 10)
        #expect(history.messages.map(\.stanzaID) == [accepted.stanzaID])
        #expect(history.messages.first?.payload == commit.commit.tlsEncoded)
        let secondServed = try directory.fetch(
            target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now
        )
        .keyPackages
        #expect(secondServed.count == 1)
        #expect(Set(firstServed + secondServed) == Set(uploads.map(\.bytes)))
        let error = #expect(throws: DirectoryError.self) {
            try directory.fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        }
        #expect(error?.code == .unknownJID)
        try store.close()
    }
}
