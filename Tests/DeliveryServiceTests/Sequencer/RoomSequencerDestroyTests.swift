import Foundation
import GRDB
import MLS
import Testing
import XMPP

@testable import DeliveryService

@Suite struct RoomSequencerDestroyTests {
    let store: DeliveryStore
    let sequencer: RoomSequencer
    let room: JID
    let other: JID
    let alice: JID
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        store = try DeliveryStore.inMemory()
        sequencer = RoomSequencer(store: store)
        room = try Fixtures.room()
        other = try JID("other@muc.example.org")
        alice = try Fixtures.jid("alice@example.org/phone")
    }

    /// Binds a room to a group with a commit, then adds an application message.
    func fill(_ room: JID, group: [UInt8]) throws {
        _ = try sequencer.submit(
            room: room, sender: alice, payload: Fixtures.privateMessage(group: group, epoch: 0, type: .commit),
            now: now)
        _ = try sequencer.submit(
            room: room, sender: alice, payload: Fixtures.privateMessage(group: group, epoch: 1, type: .application),
            now: now)
    }

    @Test func destroyingARoomDeletesItsRowAndMessagesAndNoOtherRoom() throws {
        try fill(room, group: [1])
        try fill(other, group: [2])
        #expect(try sequencer.destroyRoom(try JID("room@muc.example.org/nick")) == 2)
        #expect(try sequencer.roomExists(room) == false)
        #expect(try sequencer.currentEpoch(room: room) == nil)
        #expect(try sequencer.history(room: room, after: nil, limit: 100).messages.isEmpty)
        #expect(try store.roomSummaries().map(\.jid) == [other.description])
        #expect(try sequencer.history(room: other, after: nil, limit: 100).messages.count == 2)
    }

    @Test func aDestroyedRoomStartsAfreshUnboundToItsOldGroup() throws {
        try fill(room, group: [1])
        try sequencer.destroyRoom(room)
        #expect(try sequencer.openRoom(room))
        let accepted = try sequencer.submit(
            room: room, sender: alice, payload: Fixtures.privateMessage(group: [9], epoch: 4, type: .commit), now: now)
        #expect(accepted.newEpoch == 5)
    }

    @Test func destroyingAnUnknownRoomChangesNothing() throws {
        try fill(other, group: [2])
        #expect(try sequencer.destroyRoom(room) == nil)
        #expect(try store.roomSummaries().map(\.jid) == [other.description])
    }

    @Test func anEmptyRoomIsDestroyedWithNoMessages() throws {
        try sequencer.openRoom(room)
        #expect(try sequencer.destroyRoom(room) == 0)
        #expect(try sequencer.roomExists(room) == false)
    }

    @Test func aFailedDestroyDeletesNothing() throws {
        try fill(room, group: [1])
        // The second delete of the transaction fails, after the messages were deleted.
        try store.writer.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER keep_rooms BEFORE DELETE ON rooms
                    BEGIN SELECT RAISE(ABORT, 'rooms are kept'); END
                    """)
        }
        let error = #expect(throws: SequencerError.self) { try sequencer.destroyRoom(room) }
        #expect(error?.code == .storage)
        #expect(try sequencer.roomExists(room))
        #expect(try sequencer.currentEpoch(room: room) == 1)
        #expect(try sequencer.history(room: room, after: nil, limit: 100).messages.count == 2)
    }
}
