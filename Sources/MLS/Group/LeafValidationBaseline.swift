import Foundation

/// The group-wide inputs of leaf validation (§7.3), gathered once per commit and kept up to
/// date as proposals are applied, so that validating many leaves stays linear.
struct LeafValidationBaseline: Sendable {
    var groupID: [UInt8]
    var requiredCapabilities: RequiredCapabilities?
    var credentialTypesInUse: [CredentialType: Int] = [:]
    var encryptionKeys: Set<[UInt8]> = []
    var signatureKeys: Set<[UInt8]> = []
    var supportCounts: [CredentialType: Int] = [:]
    var memberCount = 0
    var now: Date?
    var maximumLifetime: UInt64?

    init(
        tree: RatchetTree, extensions: [Extension], groupID: [UInt8], now: Date?, maximumLifetime: UInt64?
    ) throws(GroupError) {
        self.groupID = groupID
        self.requiredCapabilities = try lift(GroupError.codec) { () throws(CodecError) in
            try RequiredCapabilities(in: extensions)
        }
        self.now = now
        self.maximumLifetime = maximumLifetime
        for index in tree.nodes.indices {
            if let key = tree.encryptionKey(NodeIndex(UInt32(index))) { encryptionKeys.insert(key) }
        }
        for (_, leaf) in tree.members { insert(leaf) }
    }

    mutating func insert(_ leaf: LeafNode) {
        memberCount += 1
        credentialTypesInUse[leaf.credential.type, default: 0] += 1
        signatureKeys.insert(leaf.signatureKey)
        encryptionKeys.insert(leaf.encryptionKey)
        for type in Set(leaf.capabilities.credentials) { supportCounts[type, default: 0] += 1 }
    }

    mutating func remove(_ leaf: LeafNode) {
        memberCount -= 1
        credentialTypesInUse[leaf.credential.type, default: 1] -= 1
        if credentialTypesInUse[leaf.credential.type] == 0 { credentialTypesInUse[leaf.credential.type] = nil }
        signatureKeys.remove(leaf.signatureKey)
        encryptionKeys.remove(leaf.encryptionKey)
        for type in Set(leaf.capabilities.credentials) { supportCounts[type, default: 1] -= 1 }
    }

    /// The validation context for a leaf, the member it replaces (if any) already removed.
    func context(for usage: LeafNodeUsage, checkLifetime: Bool) -> LeafNodeValidationContext {
        let supported = Set(supportCounts.filter { $0.value == memberCount }.keys)
        return LeafNodeValidationContext(
            usage: usage, requiredCapabilities: requiredCapabilities,
            credentialTypesInUse: Set(credentialTypesInUse.keys),
            credentialTypesSupportedByAllMembers: memberCount == 0 ? nil : supported,
            existingEncryptionKeys: encryptionKeys, existingSignatureKeys: signatureKeys,
            now: checkLifetime ? now : nil, maximumLifetime: maximumLifetime)
    }
}
