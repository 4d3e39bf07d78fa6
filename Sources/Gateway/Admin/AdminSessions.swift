import Foundation
import XMPP

/// The commands waiting for their forms (XEP-0050 §3.2): each valid for the full JID that started it, until it
/// completes, is canceled or its lifetime ends; at most ``maximum`` at once.
struct AdminSessions: Sendable {
    /// How long a session waits for its form.
    let lifetime: TimeInterval
    /// The most sessions waiting at once.
    let maximum: Int
    /// The clock.
    let now: @Sendable () -> Date
    /// Makes a unique `sessionid`.
    let makeID: @Sendable () -> String
    /// The waiting sessions, by id.
    private var waiting: [String: AdminSession] = [:]

    init(
        configuration: AdminConfiguration, now: @escaping @Sendable () -> Date,
        makeID: @escaping @Sendable () -> String
    ) {
        self.lifetime = configuration.sessionLifetime
        self.maximum = configuration.maximumSessions
        self.now = now
        self.makeID = makeID
    }

    /// Forgets the sessions whose lifetime has ended.
    mutating func expire() {
        let time = now()
        waiting = waiting.filter { $0.value.expires > time }
    }

    /// Opens a session waiting for a command's form.
    /// - Throws: `resource-constraint` when ``maximum`` sessions already wait.
    mutating func open(_ command: AdminCommand, requester: JID) throws(StanzaError) -> AdminSession {
        guard waiting.count < maximum else {
            throw StanzaError(
                .resourceConstraint, text: "too many commands are waiting for their forms; complete or cancel some")
        }
        let session = AdminSession(
            id: makeID(), command: command, requester: requester, expires: now().addingTimeInterval(lifetime))
        waiting[session.id] = session
        return session
    }

    /// The waiting session `id` of this requester for this command.
    /// - Throws: `<session-expired/>` when no such session waits for the requester; `<bad-sessionid/>` when it
    ///   runs another command.
    func session(_ id: String, command: AdminCommand, requester: JID) throws(StanzaError) -> AdminSession {
        guard let session = waiting[id], session.requester == requester else {
            throw StanzaError(
                AdHocCommandCondition.sessionExpired,
                text: "no command is waiting with sessionid \(id): it completed, was canceled or expired; start again")
        }
        guard session.command == command else {
            throw StanzaError(
                AdHocCommandCondition.badSessionID,
                text: "the session \(id) runs \(session.command.node), not \(command.node)")
        }
        return session
    }

    /// Ends a session: it no longer waits.
    mutating func end(_ id: String) {
        waiting[id] = nil
    }

    /// Has a session wait again, for a whole lifetime from now.
    mutating func renew(_ session: AdminSession) {
        var renewed = session
        renewed.expires = now().addingTimeInterval(lifetime)
        waiting[session.id] = renewed
    }
}
