import Foundation
import MLS

/// One user's KeyPackages of one cipher suite in the directory, for operators: what the directory can serve when
/// that user is added to a group of that suite.
public typealias SuiteStock = InventoryStock<CipherSuite>

extension InventoryStock where Key == CipherSuite {
    /// The cipher suite.
    public var suite: CipherSuite { key }

    public init(suite: CipherSuite, ordinary: Int, lastResort: Int, expired: Int, nextExpiry: Date?) {
        self.init(key: suite, ordinary: ordinary, lastResort: lastResort, expired: expired, nextExpiry: nextExpiry)
    }
}
