/// Saving and loading a ``PublicGroup``, so that a Delivery Service can persist each epoch it
/// follows in the transaction that accepts the commit.
///
/// ```text
/// struct {
///     uint32 leaf;
///     uint64 epoch;
/// } KeyEpoch;
///
/// struct {
///     opaque magic[4];                   // "MLSP"
///     uint16 version;                    // 1
///     GroupContext context;              // RFC 9420 §8.1; names the cipher suite
///     RatchetTree tree;
///     optional<opaque> interim_transcript_hash<V>;   // absent: the transcript is unknown
///     ProposalCacheEntry proposals<V>;
///     KeyEpoch key_epochs<V>;            // strictly ascending leaf
/// } PublicGroupState;
/// ```
///
/// It holds no secret. The configuration and services are supplied again on load.
extension PublicGroup {
    static let stateMagic: [UInt8] = Array("MLSP".utf8)
    static let stateFormatVersion: UInt16 = 1

    /// The state in the format above; one state always has one encoding.
    public func serializedState() -> [UInt8] {
        var writer = TLSWriter(reservingCapacity: 1024)
        writer.writeRaw(Self.stateMagic)
        writer.write(Self.stateFormatVersion)
        writer.write(context)
        writer.write(tree)
        switch transcript {
        case .known(let interim):
            writer.write(UInt8(1))
            writer.writeOpaque(interim)
        case .unknown:
            writer.write(UInt8(0))
        }
        writer.writeVector(proposals)
        writer.writeVector(keyEpochs.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key.rawValue)
            writer.write(entry.value)
        }
        return writer.bytes
    }

    /// Loads a state saved by ``serializedState()``.
    ///
    /// - Throws: `GroupError.codec` for malformed or unknown-version input, or a tree that does not
    ///   match the GroupContext; `GroupError.crypto` when `crypto` lacks the suite.
    public static func load(
        serializedState: [UInt8], crypto: any CryptoProvider, configuration: GroupConfiguration = GroupConfiguration(),
        services: GroupServices = .system
    ) throws(GroupError) -> PublicGroup {
        var reader = TLSReader(serializedState)
        let context = try lift(GroupError.codec) { () throws(CodecError) in
            guard try reader.readBytes(count: stateMagic.count) == stateMagic else {
                throw .malformed("not a saved public group state")
            }
            let version = try reader.readUInt16()
            guard version == stateFormatVersion else {
                throw .invalidValue(field: "public group state version", value: UInt64(version))
            }
            return try reader.read(GroupContext.self)
        }
        let provider = try lift(GroupError.crypto) { () throws(CryptoError) in
            try crypto.provider(for: context.cipherSuite)
        }
        return try lift(GroupError.codec) { () throws(CodecError) in
            var tree = try reader.read(RatchetTree.self)
            let transcript: Transcript
            switch try reader.readUInt8() {
            case 0: transcript = .unknown
            case 1: transcript = .known(interim: try reader.readOpaque())
            case let other: throw .invalidValue(field: "transcript presence", value: UInt64(other))
            }
            let proposals = try reader.readVector(of: ProposalCacheEntry.self)
            let keyEpochs = try reader.readAscendingVector(field: "key epochs", precedes: { $0.0 < $1.0 }) {
                (reader: inout TLSReader) throws(CodecError) -> (UInt32, UInt64) in
                (try reader.readUInt32(), try reader.readUInt64())
            }
            try reader.finish()
            guard tree.updateTreeHash(provider: provider) == context.treeHash else {
                throw .malformed("the tree does not match the GroupContext's tree hash")
            }
            return PublicGroup(
                provider: provider, configuration: configuration, services: services, context: context, tree: tree,
                transcript: transcript, proposals: proposals,
                keyEpochs: Dictionary(uniqueKeysWithValues: keyEpochs.map { (LeafIndex($0.0), $0.1) }))
        }
    }
}
