import struct Foundation.Date

/// The group-dependent inputs of leaf node validation (RFC 9420 §7.3).
///
/// For a KeyPackage checked outside any group, `LeafNodeValidationContext(usage: .keyPackage, now: now)`
/// leaves every group input empty.
public struct LeafNodeValidationContext: Sendable {
    /// Where the leaf appears; decides the expected source and what the signature binds.
    public var usage: LeafNodeUsage
    /// The group's `required_capabilities` extension, if its GroupContext has one.
    public var requiredCapabilities: RequiredCapabilities?
    /// The types of the group's non-default GroupContext extensions: the leaf's capabilities must list them
    /// (§13.4). Empty outside a group.
    public var groupContextExtensionTypes: [ExtensionType]
    /// The credential types of the group's current members (other than the leaf being replaced):
    /// the leaf's capabilities must list all of them.
    public var credentialTypesInUse: Set<CredentialType>
    /// The credential types every current member lists in its capabilities, or nil when there are no
    /// other members: the leaf's credential type must be one of them.
    public var credentialTypesSupportedByAllMembers: Set<CredentialType>?
    /// The encryption keys of every other node of the tree (excluding the leaf being replaced).
    public var existingEncryptionKeys: Set<[UInt8]>
    /// The signature keys of every other leaf of the tree (excluding the leaf being replaced).
    public var existingSignatureKeys: Set<[UInt8]>
    /// The current time, against which a `key_package` lifetime is checked; nil skips the check,
    /// which §7.3 allows for leaves received in a ratchet tree.
    public var now: Date?
    /// The longest acceptable lifetime of a `key_package` leaf in seconds (§7.2: applications must set
    /// one; RFC 9750 §7); nil accepts any length.
    public var maximumLifetime: UInt64?
    /// The keys of a group's tree, looked up in place of listing them in `existingEncryptionKeys`
    /// and `existingSignatureKeys`; a key found in either place is taken.
    var existingKeys: (any ExistingLeafKeys)?

    public init(
        usage: LeafNodeUsage,
        requiredCapabilities: RequiredCapabilities? = nil,
        groupContextExtensionTypes: [ExtensionType] = [],
        credentialTypesInUse: Set<CredentialType> = [],
        credentialTypesSupportedByAllMembers: Set<CredentialType>? = nil,
        existingEncryptionKeys: Set<[UInt8]> = [],
        existingSignatureKeys: Set<[UInt8]> = [],
        now: Date?,
        maximumLifetime: UInt64? = nil
    ) {
        self.usage = usage
        self.requiredCapabilities = requiredCapabilities
        self.groupContextExtensionTypes = groupContextExtensionTypes
        self.credentialTypesInUse = credentialTypesInUse
        self.credentialTypesSupportedByAllMembers = credentialTypesSupportedByAllMembers
        self.existingEncryptionKeys = existingEncryptionKeys
        self.existingSignatureKeys = existingSignatureKeys
        self.now = now
        self.maximumLifetime = maximumLifetime
    }
}

/// The keys already in a group's tree, for VAL-LEAF-12 and VAL-LEAF-13, answered without listing them.
protocol ExistingLeafKeys: Sendable {
    /// Whether a node holds this encryption key.
    func containsEncryptionKey(_ key: [UInt8]) -> Bool
    /// Whether a leaf holds this signature key.
    func containsSignatureKey(_ key: [UInt8]) -> Bool
}
