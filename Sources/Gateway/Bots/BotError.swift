import DeliveryService
import MLS

/// Why a bot could not start or save its state.
public enum BotError: Error, Sendable {
    /// The state key is not 32 bytes of hex or base64.
    case invalidStateKey
    /// A sealed record does not open under the state key: another key, or the database was altered.
    case sealedRecordRejected(kind: String, name: String)
    /// An opened record does not decode.
    case malformedRecord(kind: String, name: String)
    /// The database failed.
    case storage(StoreError)
    /// The directory refused or failed to count the bot's KeyPackages.
    case directory(DirectoryError)
    /// The MLS client failed, for example making a KeyPackage.
    case mls(GroupError)
}
