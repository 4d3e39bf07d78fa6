import Foundation

/// The group-wide inputs of leaf validation (§7.3) for one commit, kept up to date as proposals
/// are applied, so that validating many leaves stays linear.
///
/// It starts from the tree's own `TreeKeyIndex`, which is left untouched, and records the leaves
/// inserted and removed since as changes: making a baseline costs the same in a group of ten
/// members as in one of ten thousand, and so does every question it answers.
struct LeafValidationBaseline: Sendable {
    var groupID: [UInt8]
    var requiredCapabilities: RequiredCapabilities?
    /// The non-default GroupContext extension types, which every leaf must support (§13.4).
    var groupContextExtensionTypes: [ExtensionType]
    var now: Date?
    var maximumLifetime: UInt64?
    /// The tree's index when the baseline was made.
    private let base: TreeKeyIndex
    /// The leaves inserted and removed since, as signed counts.
    private var changes = TreeKeyIndex()

    init(
        tree: RatchetTree, extensions: [Extension], groupID: [UInt8], now: Date?, maximumLifetime: UInt64?
    ) throws(GroupError) {
        self.groupID = groupID
        self.requiredCapabilities = try lift(GroupError.codec) { () throws(CodecError) in
            try RequiredCapabilities(in: extensions)
        }
        self.groupContextExtensionTypes = extensions.map(\.type).filter { !ExtensionType.defaultTypes.contains($0) }
        self.now = now
        self.maximumLifetime = maximumLifetime
        self.base = tree.keyIndex
    }

    mutating func insert(_ leaf: LeafNode) { changes.add(leaf) }

    mutating func remove(_ leaf: LeafNode) { changes.remove(leaf) }

    /// Whether a node of the tree, as changed, holds this encryption key (VAL-LEAF-12).
    func containsEncryptionKey(_ key: [UInt8]) -> Bool {
        base.encryptionKeys[key, default: 0] + changes.encryptionKeys[key, default: 0] > 0
    }

    /// Whether a leaf of the tree, as changed, holds this signature key (VAL-LEAF-13).
    func containsSignatureKey(_ key: [UInt8]) -> Bool {
        base.signatureKeys[key, default: 0] + changes.signatureKeys[key, default: 0] > 0
    }

    /// The validation context for a leaf, the member it replaces (if any) already removed.
    func context(for usage: LeafNodeUsage, checkLifetime: Bool) -> LeafNodeValidationContext {
        let memberCount = base.memberCount + changes.memberCount
        var context = LeafNodeValidationContext(
            usage: usage, requiredCapabilities: requiredCapabilities, groupContextExtensionTypes: groupContextExtensionTypes,
            credentialTypesInUse: Self.types(base.credentialTypesInUse, changes.credentialTypesInUse) { $0 > 0 },
            credentialTypesSupportedByAllMembers: memberCount == 0
                ? nil : Self.types(base.supportCounts, changes.supportCounts) { $0 == memberCount },
            now: checkLifetime ? now : nil, maximumLifetime: maximumLifetime)
        context.existingKeys = self
        return context
    }

    /// The credential types whose count, base and changes together, satisfies `condition`.
    private static func types(
        _ base: [CredentialType: Int], _ changes: [CredentialType: Int], where condition: (Int) -> Bool
    ) -> Set<CredentialType> {
        var result: Set<CredentialType> = []
        for type in base.keys where condition(base[type, default: 0] + changes[type, default: 0]) {
            result.insert(type)
        }
        for type in changes.keys where base[type] == nil && condition(changes[type, default: 0]) {
            result.insert(type)
        }
        return result
    }
}

extension LeafValidationBaseline: ExistingLeafKeys {}
