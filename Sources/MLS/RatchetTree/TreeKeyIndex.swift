/// The keys and credential types of a ratchet tree, counted, for the uniqueness and credential
/// rules of leaf validation (RFC 9420 §7.3: VAL-LEAF-04, -05, -12, -13).
///
/// The tree keeps it up to date node by node, so that a commit reads it instead of gathering the
/// keys of every member again. Counts rather than sets: a key stays known while any node holds it.
/// A `LeafValidationBaseline` also uses one to record the changes a commit makes, where a removal
/// can make a count negative.
struct TreeKeyIndex: Sendable {
    /// How many nodes (leaves and parents) hold each encryption key.
    private(set) var encryptionKeys: [[UInt8]: Int] = [:]
    /// How many leaves hold each signature key.
    private(set) var signatureKeys: [[UInt8]: Int] = [:]
    /// How many leaves have a credential of each type.
    private(set) var credentialTypesInUse: [CredentialType: Int] = [:]
    /// How many leaves list each credential type in their capabilities.
    private(set) var supportCounts: [CredentialType: Int] = [:]
    private(set) var memberCount = 0

    init() {}

    init(nodes: [Node?]) {
        for node in nodes { add(node) }
    }

    mutating func add(_ node: Node?) {
        switch node {
        case .leaf(let leaf): add(leaf)
        case .parent(let parent): encryptionKeys[parent.encryptionKey, default: 0] += 1
        case nil: break
        }
    }

    mutating func remove(_ node: Node?) {
        switch node {
        case .leaf(let leaf): remove(leaf)
        case .parent(let parent): Self.decrement(&encryptionKeys, parent.encryptionKey)
        case nil: break
        }
    }

    mutating func add(_ leaf: LeafNode) {
        memberCount += 1
        encryptionKeys[leaf.encryptionKey, default: 0] += 1
        signatureKeys[leaf.signatureKey, default: 0] += 1
        credentialTypesInUse[leaf.credential.type, default: 0] += 1
        Self.forEachSupported(leaf) { supportCounts[$0, default: 0] += 1 }
    }

    mutating func remove(_ leaf: LeafNode) {
        memberCount -= 1
        Self.decrement(&encryptionKeys, leaf.encryptionKey)
        Self.decrement(&signatureKeys, leaf.signatureKey)
        Self.decrement(&credentialTypesInUse, leaf.credential.type)
        Self.forEachSupported(leaf) { Self.decrement(&supportCounts, $0) }
    }

    /// Each credential type the leaf's capabilities list, once however often it is listed.
    private static func forEachSupported(_ leaf: LeafNode, _ body: (CredentialType) -> Void) {
        let listed = leaf.capabilities.credentials
        for (position, type) in listed.enumerated() where !listed[..<position].contains(type) {
            body(type)
        }
    }

    /// Counts may go below zero in a set of changes (a baseline's removals), never in a tree's index.
    private static func decrement<Key: Hashable>(_ counts: inout [Key: Int], _ key: Key) {
        let count = counts[key, default: 0] - 1
        counts[key] = count == 0 ? nil : count
    }
}

extension TreeKeyIndex: Equatable {}
