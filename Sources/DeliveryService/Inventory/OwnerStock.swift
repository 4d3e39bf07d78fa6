import Foundation

/// One user's stock of KeyPackages in the directory, for operators (`mlsgate keypackages`).
public struct OwnerStock: Hashable, Sendable {
    /// The owner's bare JID.
    public var owner: String
    /// Unexpired ordinary KeyPackages, each served at most once.
    public var ordinary: Int
    /// Unexpired last-resort KeyPackages.
    public var lastResort: Int
    /// KeyPackages past their lifetime, waiting for the sweeper.
    public var expired: Int
    /// The earliest end of lifetime among the unexpired ones, or nil when there are none.
    public var nextExpiry: Date?

    public init(owner: String, ordinary: Int, lastResort: Int, expired: Int, nextExpiry: Date?) {
        self.owner = owner
        self.ordinary = ordinary
        self.lastResort = lastResort
        self.expired = expired
        self.nextExpiry = nextExpiry
    }
}
