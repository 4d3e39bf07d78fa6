import Foundation
import Synchronization
import Testing
import XMPP

@testable import Gateway

@Suite struct AdminSessionsTests {
    final class Clock: Sendable {
        let seconds = Mutex<TimeInterval>(0)
        var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
        func advance(_ delta: TimeInterval) { seconds.withLock { $0 += delta } }
    }

    let admin = try! JID("admin@example.org/desk")

    func sessions(maximum: Int = 2, clock: Clock) -> AdminSessions {
        let counter = Mutex(0)
        return AdminSessions(
            configuration: AdminConfiguration(sessionLifetime: 60, maximumSessions: maximum), now: { clock.now },
            makeID: { "s\(counter.withLock { $0 += 1; return $0 })" })
    }

    @Test func aSessionWaitsForItsLifetimeAndIsRenewedFromNow() throws {
        let clock = Clock()
        var sessions = sessions(clock: clock)
        let session = try sessions.open(.showRoom, requester: admin)
        #expect(session.id == "s1")
        clock.advance(59)
        sessions.expire()
        #expect(try sessions.session("s1", command: .showRoom, requester: admin).id == "s1")
        sessions.renew(session)
        clock.advance(59)
        sessions.expire()
        #expect(try sessions.session("s1", command: .showRoom, requester: admin).id == "s1")
        clock.advance(1)
        sessions.expire()
        #expect(throws: StanzaError.self) { try sessions.session("s1", command: .showRoom, requester: admin) }
    }

    @Test func aSessionBelongsToItsRequesterAndCommand() throws {
        var sessions = sessions(clock: Clock())
        _ = try sessions.open(.showRoom, requester: admin)
        let other = #expect(throws: StanzaError.self) {
            try sessions.session("s1", command: .showRoom, requester: try JID("admin@example.org/phone"))
        }
        #expect(other?.applicationCondition?.name == AdHocCommandCondition.sessionExpired.rawValue)
        let command = #expect(throws: StanzaError.self) {
            try sessions.session("s1", command: .destroyRoom, requester: admin)
        }
        #expect(command?.applicationCondition?.name == AdHocCommandCondition.badSessionID.rawValue)
        sessions.end("s1")
        #expect(throws: StanzaError.self) { try sessions.session("s1", command: .showRoom, requester: admin) }
    }

    @Test func noMoreThanTheMaximumWait() throws {
        var sessions = sessions(maximum: 2, clock: Clock())
        _ = try sessions.open(.showRoom, requester: admin)
        _ = try sessions.open(.destroyRoom, requester: admin)
        let refusal = #expect(throws: StanzaError.self) { try sessions.open(.removeBot, requester: admin) }
        #expect(refusal?.condition == .resourceConstraint)
        sessions.end("s1")
        #expect(try sessions.open(.removeBot, requester: admin).id == "s3")
    }
}
