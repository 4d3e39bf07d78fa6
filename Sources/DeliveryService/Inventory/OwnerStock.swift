import Foundation

/// One user's stock of KeyPackages in the directory, for operators (`mlsgate keypackages`).
public typealias OwnerStock = InventoryStock<String>

extension InventoryStock where Key == String {
    /// The owner's bare JID.
    public var owner: String { key }

    public init(owner: String, ordinary: Int, lastResort: Int, expired: Int, nextExpiry: Date?) {
        self.init(key: owner, ordinary: ordinary, lastResort: lastResort, expired: expired, nextExpiry: nextExpiry)
    }
}
