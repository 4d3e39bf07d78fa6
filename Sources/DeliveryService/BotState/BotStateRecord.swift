/// One sealed piece of a bot's state, as the database keeps it. The store never sees the plaintext: the Gateway
/// seals each record before saving it.
public struct BotStateRecord: Hashable, Sendable {
    /// What the record holds, such as `identity`, `key-package` or `room`.
    public var kind: String
    /// Which one of its kind: empty for the identity, a KeyPackageRef in hex, a room JID.
    public var name: String
    /// The ciphertext.
    public var sealed: [UInt8]

    public init(kind: String, name: String, sealed: [UInt8]) {
        self.kind = kind
        self.name = name
        self.sealed = sealed
    }
}
