import Foundation
import MLS

/// One user's KeyPackages of one cipher suite in the directory, for operators: what the directory can serve when
/// that user is added to a group of that suite.
public struct SuiteStock: Hashable, Sendable {
    /// The cipher suite.
    public var suite: CipherSuite
    /// Unexpired ordinary KeyPackages, each served at most once.
    public var ordinary: Int
    /// Unexpired last-resort KeyPackages, served only when no ordinary one is left.
    public var lastResort: Int
    /// KeyPackages past their lifetime, waiting for the sweeper; never served.
    public var expired: Int
    /// The earliest end of lifetime among the unexpired ones, or nil when there are none.
    public var nextExpiry: Date?

    public init(suite: CipherSuite, ordinary: Int, lastResort: Int, expired: Int, nextExpiry: Date?) {
        self.suite = suite
        self.ordinary = ordinary
        self.lastResort = lastResort
        self.expired = expired
        self.nextExpiry = nextExpiry
    }
}
