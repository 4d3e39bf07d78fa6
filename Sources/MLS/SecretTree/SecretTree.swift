/// The per-epoch tree of secrets from which every sender's handshake and application
/// ratchets start (RFC 9420 §9).
///
/// ```text
/// tree_node_[left(N)]_secret  = ExpandWithLabel(tree_node_[N]_secret, "tree", "left", KDF.Nh)
/// tree_node_[right(N)]_secret = ExpandWithLabel(tree_node_[N]_secret, "tree", "right", KDF.Nh)
/// handshake_ratchet_secret_[N]_[0]   = ExpandWithLabel(tree_node_[N]_secret, "handshake", "", KDF.Nh)
/// application_ratchet_secret_[N]_[0] = ExpandWithLabel(tree_node_[N]_secret, "application", "", KDF.Nh)
/// ```
///
/// Secrets are derived lazily and deleted as soon as they are consumed (§9.2): a node's
/// secret once its children's are derived, a leaf's once its ratchets are started, and
/// each key once it is handed out.
public struct SecretTree: Sendable {
    let provider: any CipherSuiteProvider
    public let size: TreeSize
    public var configuration: SecretTreeConfiguration
    /// Secrets of nodes not yet split, by node index.
    var nodeSecrets: [UInt32: Secret]
    /// The two ratchets of each leaf that has started them.
    var ratchets: [UInt32: LeafRatchets]

    struct LeafRatchets: Sendable {
        var handshake: HashRatchet
        var application: HashRatchet

        subscript(type: RatchetType) -> HashRatchet {
            get { type == .handshake ? handshake : application }
            set { if type == .handshake { handshake = newValue } else { application = newValue } }
        }
    }

    /// - Parameters:
    ///   - encryptionSecret: the epoch's `encryption_secret`, the root of the tree.
    ///   - leafCount: the number of leaves of the ratchet tree (a power of two).
    public init(
        provider: any CipherSuiteProvider,
        encryptionSecret: [UInt8],
        size: TreeSize,
        configuration: SecretTreeConfiguration = .default
    ) {
        self.provider = provider
        self.size = size
        self.configuration = configuration
        self.nodeSecrets = [size.root.rawValue: Secret(encryptionSecret)]
        self.ratchets = [:]
    }

    /// The key for the next message `leaf` sends with the given ratchet; it is consumed.
    public mutating func nextSendingKey(for leaf: LeafIndex, type: RatchetType) throws(SecretTreeError) -> RatchetKey {
        var copy = self
        var leafRatchets = try copy.leafRatchets(leaf)
        let key = try leafRatchets[type].nextKey(provider)
        copy.ratchets[leaf.rawValue] = leafRatchets
        self = copy
        return key
    }

    /// The key for a message from `leaf` at `generation`; it is consumed. On error the tree is unchanged.
    public mutating func key(
        for leaf: LeafIndex, type: RatchetType, generation: UInt32
    ) throws(SecretTreeError) -> RatchetKey {
        var copy = self
        var leafRatchets = try copy.leafRatchets(leaf)
        let key = try leafRatchets[type].key(for: generation, provider: provider, configuration: configuration)
        copy.ratchets[leaf.rawValue] = leafRatchets
        self = copy
        return key
    }

    /// The next generation `leaf` will send with, without consuming anything.
    public func nextGeneration(for leaf: LeafIndex, type: RatchetType) -> UInt32 {
        ratchets[leaf.rawValue]?[type].next ?? 0
    }

    /// Starts the ratchets of a leaf, splitting the node secrets on its path down from the
    /// nearest ancestor that still holds one.
    private mutating func leafRatchets(_ leaf: LeafIndex) throws(SecretTreeError) -> LeafRatchets {
        guard size.contains(leaf) else { throw .leafOutOfRange(leaf) }
        if let existing = ratchets[leaf.rawValue] { return existing }
        let target = leaf.nodeIndex
        // From the leaf upwards; while the leaf has no ratchets, some node on this path holds a secret.
        let upward = [target] + size.directPath(target)
        guard let start = upward.firstIndex(where: { nodeSecrets[$0.rawValue] != nil }) else {
            throw .keyNoLongerAvailable(generation: 0)
        }
        for parent in upward.prefix(start + 1).dropFirst().reversed() {
            guard let secret = nodeSecrets.removeValue(forKey: parent.rawValue),
                  let left = size.left(parent), let right = size.right(parent)
            else { throw .keyNoLongerAvailable(generation: 0) }
            nodeSecrets[left.rawValue] = try expand(secret, label: "tree", context: "left")
            nodeSecrets[right.rawValue] = try expand(secret, label: "tree", context: "right")
        }
        guard let leafSecret = nodeSecrets.removeValue(forKey: target.rawValue) else {
            throw .keyNoLongerAvailable(generation: 0)
        }
        let result = LeafRatchets(
            handshake: HashRatchet(secret: try expand(leafSecret, label: "handshake", context: "")),
            application: HashRatchet(secret: try expand(leafSecret, label: "application", context: "")))
        ratchets[leaf.rawValue] = result
        return result
    }

    private func expand(_ secret: Secret, label: String, context: String) throws(SecretTreeError) -> Secret {
        do {
            return Secret(
                try provider.expandWithLabel(
                    secret: secret.bytes, label: label, context: Array(context.utf8), length: provider.hashLength))
        } catch {
            throw .crypto(error)
        }
    }
}
