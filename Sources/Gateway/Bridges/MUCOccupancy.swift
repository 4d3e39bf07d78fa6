import Foundation

/// The mirror's presence in one plaintext room (XEP-0045 §7.2), as a state machine: each event returns what to
/// send.
///
/// ```text
/// idle ──want──▶ joining ──own presence (110)──▶ present ──own unavailable / not-acceptable──▶ absent
///   ▲              │  ▲                            │                                          │
///   └────unwant────┤  └──── tick: retry due, or no answer within joinTimeout ─────────────────┘
///                  └──presence error──▶ absent (retry after a backoff: 1, 2, 4 … 30 minutes)
/// ```
///
/// A ban (status 301) leaves the room absent without retries until the next ``want(now:)``, which comes at a
/// restart or a reconnect.
struct MUCOccupancy: Hashable, Sendable {
    enum State: Hashable, Sendable {
        /// Not wanted: the bridge is not a member of the encrypted room.
        case idle
        /// Wanted but out of the room; the next join is due at `retryAt`, or waits for a reconnect when nil.
        case absent(retryAt: Date?)
        /// A join presence went out at `since`.
        case joining(since: Date)
        /// In the room as `nick`; `subjectSeen` once the subject that ends a join arrived.
        case present(nick: String, subjectSeen: Bool)
    }

    enum Action: Hashable, Sendable {
        /// Send the join presence.
        case join
        /// Send an unavailable presence.
        case leave
        /// The room was just created by this join: accept the default configuration (an instant room).
        case configureInstantRoom
        /// The bridge is in: post the notice, then what waited.
        case announce
        /// Set the room's subject to the bridge's.
        case setSubject
    }

    /// How long a join may go unanswered before it is sent again. Default 60 seconds.
    static let joinTimeout: TimeInterval = 60
    /// The first wait after a failure; it doubles with each failure in a row up to ``maximumBackoff``.
    static let firstBackoff: TimeInterval = 60
    /// The longest wait between joins. Default 30 minutes, so a room refusing the bridge is not flooded.
    static let maximumBackoff: TimeInterval = 1800

    private(set) var state: State = .idle
    /// Failures since the bridge was last in the room.
    private(set) var failures = 0

    /// Whether the bridge wants to be in the room.
    var isWanted: Bool { state != .idle }

    /// The bridge's nick in the room while it is in.
    var nick: String? {
        if case .present(let nick, _) = state { return nick }
        return nil
    }

    /// The bridge wants to be in the room, or to make sure it still is (after a restart or a reconnect).
    mutating func want(now: Date) -> [Action] {
        state = .joining(since: now)
        return [.join]
    }

    /// The bridge no longer wants the room.
    mutating func unwant() -> [Action] {
        defer {
            state = .idle
            failures = 0
        }
        switch state {
        case .joining, .present: return [.leave]
        case .idle, .absent: return []
        }
    }

    /// The room sent the bridge its own presence (status 110).
    /// - Parameters:
    ///   - nick: The nick the room gave the bridge.
    ///   - created: Whether the join created the room (status 201).
    mutating func ownPresence(nick: String, created: Bool) -> [Action] {
        switch state {
        case .joining:
            state = .present(nick: nick, subjectSeen: false)
            failures = 0
            return created ? [.configureInstantRoom, .announce] : [.announce]
        case .present(_, let subjectSeen):
            state = .present(nick: nick, subjectSeen: subjectSeen)
            return []
        case .idle, .absent:
            // A presence for a join given up on: the bridge is in after all.
            guard isWanted else { return [.leave] }
            state = .present(nick: nick, subjectSeen: false)
            failures = 0
            return created ? [.configureInstantRoom, .announce] : [.announce]
        }
    }

    /// The room's subject arrived: the first after a join ends it.
    /// - Parameter isBridgeSubject: Whether it already is the bridge's subject.
    mutating func subject(isBridgeSubject: Bool) -> [Action] {
        guard case .present(let nick, false) = state else { return [] }
        state = .present(nick: nick, subjectSeen: true)
        return isBridgeSubject ? [] : [.setSubject]
    }

    /// The bridge is out: its join was refused, it was removed, or the room says it is not an occupant.
    /// - Parameters:
    ///   - banned: Whether it was banned (status 301): no retry until the next ``want(now:)``.
    ///   - now: The time.
    mutating func out(banned: Bool, now: Date) -> [Action] {
        guard isWanted else { return [] }
        failures += 1
        state = .absent(retryAt: banned ? nil : now.addingTimeInterval(backoff))
        return []
    }

    /// Time passed: a due retry, or a join left unanswered, sends the join again.
    mutating func tick(now: Date) -> [Action] {
        switch state {
        case .absent(let retryAt?) where retryAt <= now:
            state = .joining(since: now)
            return [.join]
        case .joining(let since) where now.timeIntervalSince(since) >= Self.joinTimeout:
            failures += 1
            state = .joining(since: now)
            return [.join]
        default:
            return []
        }
    }

    private var backoff: TimeInterval {
        let exponent = min(max(failures - 1, 0), 16)
        return min(Self.firstBackoff * Double(1 << exponent), Self.maximumBackoff)
    }
}
