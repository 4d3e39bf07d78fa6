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

extension BotError: CustomStringConvertible {
    /// What an operator reads in the log, naming the setting to check when there is one.
    public var description: String {
        switch self {
        case .invalidStateKey:
            "[bots_state] key: not 32 bytes as 64 hex digits or as base64"
        case .sealedRecordRejected(let kind, let name):
            "[bots_state] key: the bots' saved state (\(kind)\(name.isEmpty ? "" : " \(name)")) does not open with "
                + "this key; it was sealed with another key, or the database was altered"
        case .malformedRecord(let kind, let name):
            "a bot's saved state (\(kind)\(name.isEmpty ? "" : " \(name)")) opens but does not decode"
        case .storage(let error):
            "bot state storage: \(error)"
        case .directory(let error):
            "bot KeyPackages: \(error)"
        case .mls(let error):
            "bot MLS client: \(error)"
        }
    }

    /// Whether only a change of `[bots_state] key` can help: restarting with the same setting fails the same way.
    public var isConfigurationError: Bool {
        switch self {
        case .invalidStateKey, .sealedRecordRejected: true
        case .malformedRecord, .storage, .directory, .mls: false
        }
    }
}
