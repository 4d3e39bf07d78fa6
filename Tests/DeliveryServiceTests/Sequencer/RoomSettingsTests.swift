import DeliveryService
import Foundation
import Testing
import XMPP

@Suite struct RoomSettingsTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aRoomKeepsTheSettingsItWasCreatedWithAndTheirChanges() throws {
        let sequencer = RoomSequencer(store: try DeliveryStore.inMemory())
        let room = try Fixtures.room()
        let created = RoomSettings(policy: RoomPolicy(), owners: ["alice@example.org"])
        #expect(try sequencer.openRoom(room, settings: created))
        // A second open keeps the first settings.
        #expect(try !sequencer.openRoom(room, settings: RoomSettings(policy: RoomPolicy(externalJoins: true), owners: [])))
        #expect(try sequencer.settings(room: room) == created)

        var changed = created
        changed.policy.membershipChanges = .ownersAndAdmins
        changed.admins = ["bob@example.org"]
        try sequencer.setSettings(changed, room: room)
        #expect(try sequencer.settings(room: room) == changed)
        #expect(changed.administers("bob@example.org") && !changed.administers("carol@example.org"))
    }

    @Test func settingsOfAnUnknownRoomAreRefused() throws {
        let sequencer = RoomSequencer(store: try DeliveryStore.inMemory())
        let error = #expect(throws: SequencerError.self) {
            try sequencer.setSettings(RoomSettings(policy: RoomPolicy(), owners: []), room: try Fixtures.room())
        }
        #expect(error?.code == .unknownRoom)
        #expect(try sequencer.settings(room: try Fixtures.room()) == nil)
    }

    @Test func theFollowedStateIsSavedWithTheAcceptedMessageAndCanBeForgotten() throws {
        let sequencer = RoomSequencer(store: try DeliveryStore.inMemory())
        let room = try Fixtures.room()
        try sequencer.openRoom(room, settings: RoomSettings(policy: RoomPolicy(), owners: []))
        _ = try sequencer.submit(
            room: room, sender: try Fixtures.jid("room@muc.example.org/a"),
            payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now, publicState: [1, 2, 3])
        #expect(try sequencer.publicState(room: room) == [1, 2, 3])
        // A refused message leaves it as it was.
        #expect(throws: SequencerError.self) {
            try sequencer.submit(
                room: room, sender: try Fixtures.jid("room@muc.example.org/a"),
                payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now, publicState: [9])
        }
        #expect(try sequencer.publicState(room: room) == [1, 2, 3])
        try sequencer.setSettings(RoomSettings(policy: RoomPolicy(handshakes: .privateAllowed), owners: []), room: room, forgetPublicState: true)
        #expect(try sequencer.publicState(room: room) == nil)
    }

    @Test func precheckReportsWhatSubmitWouldWithoutWriting() throws {
        let sequencer = RoomSequencer(store: try DeliveryStore.inMemory())
        let room = try Fixtures.room()
        #expect(throws: SequencerError.self) {
            try sequencer.precheck(room: room, submission: sequencer.decode(payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .application)))
        }
        try sequencer.precheck(room: room, submission: sequencer.decode(payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit)))
        #expect(try !sequencer.roomExists(room))
        let policy = RoomPolicy(handshakes: .privateAllowed, occupants: .membersOnly)
        #expect(policy.inconsistency != nil && RoomPolicy().inconsistency == nil)
    }
}
