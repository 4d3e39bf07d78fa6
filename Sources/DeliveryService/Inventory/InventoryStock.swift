import Foundation

/// The KeyPackages in the directory of one owner, or of one owner in one cipher suite, for operators.
///
/// ``OwnerStock`` groups them by owner (`mlsgate keypackages`), ``SuiteStock`` by cipher suite (the admin command
/// showing one user's stock): the figures are the same, only what they are grouped by differs.
public struct InventoryStock<Key: Hashable & Sendable>: Hashable, Sendable {
    /// What the figures are grouped by: an owner's bare JID or a cipher suite.
    public var key: Key
    /// Unexpired ordinary KeyPackages, each served at most once.
    public var ordinary: Int
    /// Unexpired last-resort KeyPackages, served only when no ordinary one is left.
    public var lastResort: Int
    /// KeyPackages past their lifetime, waiting for the sweeper; never served.
    public var expired: Int
    /// The earliest end of lifetime among the unexpired ones, or nil when there are none.
    public var nextExpiry: Date?
}
