import DeliveryService
import Foundation
import Gateway
import Synchronization
import Testing
import XMPP

/// Occupants per room, rooms per user and the presence rate: each refused with its typed error, changing nothing.
@Suite struct RoomLimitsTests {
    typealias H = GatewayHarness

    /// A clock the test moves by hand.
    final class Clock: Sendable {
        let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
        var now: @Sendable () -> Date { { self.current.withLock { $0 } } }
    }

    func errors(_ sent: [XMLElement], to jid: String) -> [XMLElement] {
        sent.filter { $0.attribute("to") == jid && $0.attribute("type") == "error" }
    }

    @Test func aFullRoomRefusesTheNextJoinWithServiceUnavailable() async throws {
        let harness = try H(limits: RoomLimits(maxOccupants: 2))
        _ = await harness.route(harness.join("a@example.org/1", nick: "a"))
        _ = await harness.route(harness.join("b@example.org/1", nick: "b"))
        let sent = await harness.route(harness.join("c@example.org/1", nick: "c"))
        let refusal = try #require(errors(sent, to: "c@example.org/1").first)
        #expect(refusal.errorCondition == "service-unavailable")
        #expect(refusal.child(named: "error", namespace: refusal.namespace)?.attribute("type") == "wait")
        #expect(refusal.errorText?.contains("at most 2 occupants") == true)
        #expect(sent.allSatisfy { $0.attribute("to") == "c@example.org/1" }, "nobody else hears of it")
        #expect(await harness.host.nicks(in: harness.room) == ["a", "b"])

        // A place freed is a place taken.
        _ = await harness.route(harness.leave("a@example.org/1", nick: "a"))
        let again = await harness.route(harness.join("c@example.org/1", nick: "c"))
        #expect(errors(again, to: "c@example.org/1").isEmpty)
        #expect(await harness.host.nicks(in: harness.room) == ["b", "c"])
    }

    @Test func aUserCannotCreateMoreRoomsThanTheLimitButMayJoinOthers() async throws {
        let harness = try H(limits: RoomLimits(maxRoomsPerUser: 2))
        let mallory = "mallory@example.org/1"
        for name in ["r1", "r2"] {
            let sent = await harness.route(harness.join(mallory, nick: "m", room: try JID("\(name)@mls.example.org")))
            #expect(errors(sent, to: mallory).isEmpty)
        }
        let third = try JID("r3@mls.example.org")
        let sent = await harness.route(harness.join(mallory, nick: "m", room: third))
        let refusal = try #require(errors(sent, to: mallory).first)
        #expect(refusal.errorCondition == "resource-constraint")
        #expect(refusal.errorApplicationCondition?.name == "too-many-rooms")
        #expect(try RoomSequencer(store: harness.store).settings(room: third) == nil, "the room was not created")
        #expect(await harness.host.nicks(in: third).isEmpty)

        // Another user creates it; mallory may then join it, since joining creates nothing.
        _ = await harness.route(harness.join("alice@example.org/1", nick: "alice", room: third))
        let joined = await harness.route(harness.join(mallory, nick: "m", room: third))
        #expect(errors(joined, to: mallory).isEmpty)
        #expect(await harness.host.nicks(in: third) == ["alice", "m"])
    }

    @Test func ownBotsAreNotLimitedInTheRoomsTheyOpen() async throws {
        let bot = try JID("echo@mls.example.org")
        let harness = try H(limits: RoomLimits(maxRoomsPerUser: 1, presenceBurst: 1), reservedJIDs: [bot])
        for name in ["r1", "r2", "r3"] {
            let sent = await harness.route(
                harness.join("echo@mls.example.org/bot", nick: "echo", room: try JID("\(name)@mls.example.org")))
            #expect(errors(sent, to: "echo@mls.example.org/bot").isEmpty, "\(name)")
        }
    }

    @Test func joinsPastTheBurstAreRefusedUntilTheRateAllowsMoreButStatusUpdatesNeverAre() async throws {
        let clock = Clock()
        let harness = try H(limits: RoomLimits(presenceBurst: 3, presencesPerMinute: 6), now: clock.now)
        let mallory = "mallory@example.org/1"
        func room(_ name: String) throws -> JID { try JID("\(name)@mls.example.org") }
        for name in ["r1", "r2", "r3"] {
            let sent = await harness.route(harness.join(mallory, nick: "m", room: try room(name)))
            #expect(errors(sent, to: mallory).isEmpty, "join \(name)")
        }
        // An occupant's own presence updates are answered to it alone, and never refused.
        for _ in 0..<10 {
            let sent = await harness.route(harness.join(mallory, nick: "m", room: try room("r1")))
            #expect(errors(sent, to: mallory).isEmpty)
            #expect(sent.allSatisfy { $0.attribute("to") == mallory })
        }
        // Another resource of the same user shares the bucket.
        let sent = await harness.route(harness.join("mallory@example.org/2", nick: "m2", room: try room("r1")))
        let refusal = try #require(errors(sent, to: "mallory@example.org/2").first)
        #expect(refusal.errorCondition == "resource-constraint")
        #expect(refusal.child(named: "error", namespace: refusal.namespace)?.attribute("type") == "wait")
        #expect(await harness.host.nicks(in: try room("r1")) == ["m"])

        // Leaving is never limited, and other users are not affected.
        _ = await harness.route(harness.leave(mallory, nick: "m"))
        let alice = await harness.route(harness.join("alice@example.org/1", nick: "alice", room: try room("r1")))
        #expect(errors(alice, to: "alice@example.org/1").isEmpty)

        // Six a minute: one more join after ten seconds.
        clock.advance(10)
        let later = await harness.route(harness.join("mallory@example.org/2", nick: "m2", room: try room("r1")))
        #expect(errors(later, to: "mallory@example.org/2").isEmpty)
        #expect(!errors(await harness.route(harness.join(mallory, nick: "m", room: try room("r4"))), to: mallory).isEmpty)
    }
}
