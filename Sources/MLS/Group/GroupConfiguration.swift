import Foundation

/// Per-group parameters a member applies when sending and receiving (RFC 9750 §7).
public struct GroupConfiguration: Hashable, Sendable {
    /// Whether this member sends proposals and commits as PublicMessage or PrivateMessage.
    public enum HandshakeWireFormat: Hashable, Sendable {
        case publicMessage
        case privateMessage
    }

    /// How this member sends handshake messages. PublicMessage lets the Delivery Service check
    /// commits before it forwards them (RFC 9750 §5.3). Default: PublicMessage.
    public var handshakeWireFormat: HandshakeWireFormat
    /// Whether incoming handshake messages must use `handshakeWireFormat`. Default: false.
    public var enforceHandshakeWireFormat: Bool
    /// Padding of PrivateMessages. Default: blocks of 32 bytes.
    public var padding: PaddingPolicy
    /// Out-of-order limits of the secret tree.
    public var secretTree: SecretTreeConfiguration
    /// How many past epochs keep their application keys, for late messages. Default 2.
    public var pastEpochs: Int
    /// Whether Welcomes carry the ratchet tree in the GroupInfo's `ratchet_tree` extension;
    /// otherwise the tree is handed to new members separately. Default: true.
    public var ratchetTreeInWelcome: Bool
    /// Whether GroupInfos made by this member carry the `external_pub` extension (§12.4.3.2).
    public var externalPubInGroupInfo: Bool
    /// The longest KeyPackage lifetime accepted in an Add, in seconds; nil for no limit.
    public var maximumKeyPackageLifetime: UInt64?
    /// Whether KeyPackages in Adds we receive must be within their lifetime now. RFC 9420 §7.3
    /// recommends it; a commit we make always checks. Default: true.
    public var checkLifetimeOfReceivedKeyPackages: Bool
    /// How many recent epochs keep their `resumption_psk` for PSK proposals. Default 32.
    public var resumptionPSKEpochs: Int

    public init(
        handshakeWireFormat: HandshakeWireFormat = .publicMessage,
        enforceHandshakeWireFormat: Bool = false,
        padding: PaddingPolicy = .default,
        secretTree: SecretTreeConfiguration = .default,
        pastEpochs: Int = 2,
        ratchetTreeInWelcome: Bool = true,
        externalPubInGroupInfo: Bool = false,
        maximumKeyPackageLifetime: UInt64? = nil,
        checkLifetimeOfReceivedKeyPackages: Bool = true,
        resumptionPSKEpochs: Int = 32
    ) {
        self.handshakeWireFormat = handshakeWireFormat
        self.enforceHandshakeWireFormat = enforceHandshakeWireFormat
        self.padding = padding
        self.secretTree = secretTree
        self.pastEpochs = pastEpochs
        self.ratchetTreeInWelcome = ratchetTreeInWelcome
        self.externalPubInGroupInfo = externalPubInGroupInfo
        self.maximumKeyPackageLifetime = maximumKeyPackageLifetime
        self.checkLifetimeOfReceivedKeyPackages = checkLifetimeOfReceivedKeyPackages
        self.resumptionPSKEpochs = resumptionPSKEpochs
    }

    public static let `default` = GroupConfiguration()
}
