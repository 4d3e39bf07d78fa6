import Foundation
import XMPP

/// Who may run the administration commands, and the bounds of their sessions.
public struct AdminConfiguration: Sendable {
    /// The bare JIDs allowed to run commands, from `[admin] jids`. Default: none, so every command is refused.
    public var admins: Set<JID>
    /// How long a command may wait for its form, in seconds. Default 600: time to look something up before
    /// answering, short enough that abandoned sessions do not pile up.
    public var sessionLifetime: TimeInterval
    /// The most commands waiting for a form at once, all administrators together. Default 100: far more than
    /// people run at once, and it bounds the memory a client that starts commands without finishing them can use.
    public var maximumSessions: Int

    public init(admins: Set<JID> = [], sessionLifetime: TimeInterval = 600, maximumSessions: Int = 100) {
        self.admins = Set(admins.map(\.bare))
        self.sessionLifetime = sessionLifetime
        self.maximumSessions = maximumSessions
    }
}
