/// The persisted form of a secret tree (RFC 9420 §9), part of a saved group state: the node
/// secrets not yet split and the ratchets of the leaves that started theirs, each map sorted by
/// index so one tree has one encoding.
///
/// ```text
/// struct {
///     uint32 node;
///     opaque secret<V>;
/// } NodeSecret;
///
/// struct {
///     uint32 leaf;
///     HashRatchet handshake;
///     HashRatchet application;
/// } LeafRatchets;
///
/// struct {
///     uint32 leaf_count;                  // a power of two
///     SecretTreeConfiguration configuration;
///     NodeSecret node_secrets<V>;         // strictly ascending node
///     LeafRatchets ratchets<V>;           // strictly ascending leaf
/// } SecretTree;
/// ```
///
/// The cipher suite is not part of the encoding: decoding takes the group's provider.
extension SecretTree: TLSEncodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(size.leafCount)
        writer.write(configuration)
        writer.writeVector(nodeSecrets.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key)
            writer.writeOpaque(entry.value.bytes)
        }
        writer.writeVector(ratchets.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key)
            writer.write(entry.value.handshake)
            writer.write(entry.value.application)
        }
    }

    /// Decodes a persisted secret tree for the given cipher suite.
    /// - Throws: `CodecError` for malformed input: a leaf count that is not a power of two, a
    ///   node or leaf outside the tree, or keys out of order.
    init(from reader: inout TLSReader, provider: any CipherSuiteProvider) throws(CodecError) {
        let leafCount = try reader.readUInt32()
        guard let size = TreeSize(leafCount: leafCount) else {
            throw .invalidValue(field: "secret tree leaf_count", value: UInt64(leafCount))
        }
        let configuration = try reader.read(SecretTreeConfiguration.self)
        let secrets = try reader.readAscendingVector(field: "secret tree node secrets", precedes: { $0.0 < $1.0 }) {
            (reader: inout TLSReader) throws(CodecError) -> (UInt32, Secret) in
            let node = try reader.readUInt32()
            guard size.contains(NodeIndex(node)) else {
                throw .invalidValue(field: "secret tree node", value: UInt64(node))
            }
            return (node, Secret(try reader.readOpaque()))
        }
        let leaves = try reader.readAscendingVector(field: "secret tree ratchets", precedes: { $0.0 < $1.0 }) {
            (reader: inout TLSReader) throws(CodecError) -> (UInt32, LeafRatchets) in
            let leaf = try reader.readUInt32()
            guard size.contains(LeafIndex(leaf)) else {
                throw .invalidValue(field: "secret tree leaf", value: UInt64(leaf))
            }
            return (leaf, LeafRatchets(handshake: try reader.read(), application: try reader.read()))
        }
        self.init(provider: provider, encryptionSecret: [], size: size, configuration: configuration)
        nodeSecrets = Dictionary(uniqueKeysWithValues: secrets)
        ratchets = Dictionary(uniqueKeysWithValues: leaves)
    }
}
