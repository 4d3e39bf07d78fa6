/// Saving and loading a group's whole state, so that a caller can persist every transition in
/// one transaction and continue after a restart exactly where it stopped.
///
/// The format is versioned and uses the TLS presentation language of RFC 9420 §2.1 throughout;
/// wire structures keep their RFC 9420 encodings, and maps are sorted by key so that one state
/// always has one encoding.
///
/// ```text
/// struct {
///     opaque pub_key<V>;              // a leaf encryption key we proposed in an Update
///     opaque priv_key<V>;
/// } PendingUpdateKey;
///
/// struct {
///     uint64 epoch;
///     opaque resumption_psk<V>;
/// } ResumptionPSK;
///
/// struct {
///     opaque magic[4];                // "MLSG"
///     uint16 version;                 // 1
///     GroupContext context;           // RFC 9420 §8.1; names the cipher suite
///     GroupConfiguration configuration;
///     RatchetTree tree;               // full array with its leaf count
///     opaque interim_transcript_hash<V>;
///     EpochSecrets secrets;
///     SecretTree secret_tree;
///     TreePrivateKeys private_keys;
///     SignatureKeyPair signature_key_pair;
///     ProposalCacheEntry proposals<V>;
///     PendingUpdateKey pending_update_keys<V>;    // strictly ascending pub_key
///     optional<PendingCommit> pending_commit;
///     PastEpoch past_epochs<V>;                   // newest first
///     ResumptionPSK resumption_psks<V>;           // strictly ascending epoch
///     GroupStatus status;
/// } GroupState;
/// ```
///
/// A new field is appended at the end with a new version; the decoder keeps reading older
/// versions and fills such a field with its default. The `GroupServices` are not saved: they are
/// supplied again on load.
extension Group {
    /// The first four bytes of every saved state: `"MLSG"`.
    static let stateMagic: [UInt8] = Array("MLSG".utf8)
    /// The version of the state format this implementation writes.
    static let stateFormatVersion: UInt16 = 1

    /// The whole state of this member in this group, in the format described above.
    ///
    /// The same state always yields the same bytes.
    ///
    /// **Warning**: the result contains this member's private keys (signature and HPKE) and
    /// the epoch's secrets, including keys of past epochs and of pending commits. Anyone who
    /// reads it can impersonate the member and decrypt the group's traffic. Store it encrypted
    /// at rest or in a protected store, and erase old copies once a newer state is committed.
    public func serializedState() -> [UInt8] {
        var writer = TLSWriter(reservingCapacity: 4096)
        writer.writeRaw(Self.stateMagic)
        writer.write(Self.stateFormatVersion)
        writer.write(context)
        writer.write(configuration)
        writer.write(tree)
        writer.writeOpaque(interimTranscriptHash)
        writer.write(secrets)
        writer.write(secretTree)
        writer.write(privateKeys)
        writer.write(signatureKeyPair)
        writer.writeVector(proposals)
        writer.writeVector(pendingUpdateKeys.sorted { $0.key.lexicographicallyPrecedes($1.key) }) { writer, entry in
            writer.writeOpaque(entry.key)
            writer.writeOpaque(entry.value)
        }
        writer.writeOptional(pendingCommit)
        writer.writeVector(pastEpochs)
        writer.writeVector(resumptionPSKs.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key)
            writer.writeOpaque(entry.value)
        }
        writer.write(status)
        return writer.bytes
    }

    /// Restores a group from `serializedState()`.
    ///
    /// Decoding is strict: the whole input must be one state of a known version, with nothing
    /// after it, and its parts must fit together (tree sizes, key indices, the tree hash of the
    /// GroupContext).
    ///
    /// **Warning**: the input holds private keys and secrets; see `serializedState()`.
    ///
    /// - Parameters:
    ///   - serializedState: bytes from `serializedState()`.
    ///   - crypto: supplies the provider of the state's cipher suite.
    ///   - services: the Authentication Service hook, PSK store and clock to use from now on.
    /// - Throws: `GroupError.codec` for malformed, truncated or unknown-version input;
    ///   `GroupError.crypto(.unsupportedCipherSuite)` when `crypto` lacks the state's suite.
    public static func load(
        serializedState: [UInt8], crypto: any CryptoProvider, services: GroupServices
    ) throws(GroupError) -> Group {
        var reader = TLSReader(serializedState)
        let (context, configuration) = try lift(GroupError.codec) { () throws(CodecError) in
            try readStateHeader(&reader)
        }
        let provider = try lift(GroupError.crypto) { () throws(CryptoError) in
            try crypto.provider(for: context.cipherSuite)
        }
        return try lift(GroupError.codec) { () throws(CodecError) in
            var tree = try reader.read(RatchetTree.self)
            let interimTranscriptHash = try reader.readOpaque()
            let secrets = try reader.read(EpochSecrets.self)
            let secretTree = try SecretTree(from: &reader, provider: provider)
            let privateKeys = try reader.read(TreePrivateKeys.self)
            let signatureKeyPair = try reader.read(SignatureKeyPair.self)
            let proposals = try reader.readVector(of: ProposalCacheEntry.self)
            let updateKeys = try reader.readAscendingVector(
                field: "pending update keys", precedes: { $0.0.lexicographicallyPrecedes($1.0) }
            ) { (reader: inout TLSReader) throws(CodecError) -> ([UInt8], [UInt8]) in
                (try reader.readOpaque(), try reader.readOpaque())
            }
            let pendingCommit = try reader.readOptional(of: PendingCommit.self)
            let pastEpochs = try reader.readVector { (reader: inout TLSReader) throws(CodecError) -> PastEpoch in
                try PastEpoch(from: &reader, provider: provider)
            }
            let psks = try reader.readAscendingVector(field: "resumption PSKs", precedes: { $0.0 < $1.0 }) {
                (reader: inout TLSReader) throws(CodecError) -> (UInt64, [UInt8]) in
                (try reader.readUInt64(), try reader.readOpaque())
            }
            let status = try reader.read(GroupStatus.self)
            try reader.finish()
            // Rebuild the tree-hash cache, which is not saved.
            _ = tree.updateTreeHash(provider: provider)

            let group = Group(
                provider: provider, configuration: configuration, services: services, context: context, tree: tree,
                interimTranscriptHash: interimTranscriptHash, secrets: secrets, secretTree: secretTree,
                privateKeys: privateKeys, signatureKeyPair: signatureKeyPair, proposals: proposals,
                pendingUpdateKeys: Dictionary(uniqueKeysWithValues: updateKeys), pendingCommit: pendingCommit,
                pastEpochs: pastEpochs, resumptionPSKs: Dictionary(uniqueKeysWithValues: psks), status: status)
            try group.checkLoadedState()
            return group
        }
    }

    /// Reads the magic, the version, and the fields that precede the choice of cipher suite.
    private static func readStateHeader(
        _ reader: inout TLSReader
    ) throws(CodecError) -> (GroupContext, GroupConfiguration) {
        guard try reader.readBytes(count: stateMagic.count) == stateMagic else {
            throw .malformed("not a saved MLS group state")
        }
        let version = try reader.readUInt16()
        guard version == stateFormatVersion else {
            throw .invalidValue(field: "group state version", value: UInt64(version))
        }
        return (try reader.read(GroupContext.self), try reader.read(GroupConfiguration.self))
    }

    /// Checks that the decoded parts describe one group: indices inside the trees, trees of the
    /// sizes their secret trees were made for, and the tree the GroupContext hashes.
    private func checkLoadedState() throws(CodecError) {
        for node in privateKeys.nodes where !tree.size.contains(node) {
            throw .malformed("private key for \(node) outside the tree")
        }
        // A removed member keeps the tree of the commit that removed it, which may be truncated
        // below its leaf, and the secrets of the epoch before.
        if status != .removed {
            guard tree.size.contains(ownLeaf) else { throw .malformed("own leaf \(ownLeaf) is outside the tree") }
            guard secretTree.size == tree.size else { throw .malformed("secret tree and ratchet tree sizes differ") }
        }
        guard tree.treeHash(provider: provider) == context.treeHash else {
            throw .malformed("the tree does not match the GroupContext's tree hash")
        }
        for past in pastEpochs where past.secretTree.size != past.tree.size {
            throw .malformed("secret tree and ratchet tree sizes of epoch \(past.epoch) differ")
        }
        if let staged = pendingCommit?.staged {
            guard staged.tree.size.contains(staged.privateKeys.leafIndex) else {
                throw .malformed("own leaf of the pending commit is outside its tree")
            }
            for node in staged.privateKeys.nodes where !staged.tree.size.contains(node) {
                throw .malformed("private key for \(node) outside the pending commit's tree")
            }
        }
    }
}
