/// The primitive operations each figure cannot avoid (RFC 9420), whatever the implementation.
///
/// A figure's floor is `OperationCount.seconds(at:)` of these counts with the measured
/// `PrimitiveCosts`. Hashing, HKDF, encoding and tree bookkeeping are left out: the floor is a
/// lower bound, and the target is to stay within 1.3 times it. The counts that depend on the
/// shape of the tree (HPKE seals of an UpdatePath, path key derivations) are read from the
/// messages actually produced, so the floor matches the scenario's tree.
public enum FloorModel {
    // MARK: keypackage_gen

    /// Fresh HPKE key pairs of a KeyPackage: its init_key and its LeafNode's encryption_key (§10).
    public static let keyPackageHPKEKeyPairs = 2
    /// Signatures of a KeyPackage: the LeafNode's (§7.2) and the KeyPackage's own (§10).
    public static let keyPackageSignatures = 2

    // MARK: add_{N-1}_members_commit

    /// Verifications per added KeyPackage: its signature and its LeafNode's (§10.1, §7.3).
    public static let addVerificationsPerMember = 2
    /// HPKE seals per added member: its EncryptedGroupSecrets (§12.4.3.1).
    public static let addSealsPerMember = 1
    /// Signatures of a commit that adds members: the commit's FramedContent (§6.1) and the
    /// GroupInfo inside the Welcome (§12.4.3).
    public static let addCommitSignatures = 2
    /// AEAD seals of such a commit: the Welcome's encrypted GroupInfo (§12.4.3.1).
    public static let addCommitAEADSeals = 1

    // MARK: join_welcome_n{N}

    /// HPKE opens to join: our EncryptedGroupSecrets (§12.4.3.1).
    public static let joinHPKEOpens = 1
    /// AEAD opens to join: the encrypted GroupInfo.
    public static let joinAEADOpens = 1
    /// Verifications to join besides the tree: the GroupInfo signature (§12.4.3.1).
    public static let joinGroupInfoVerifications = 1
    /// Verifications per leaf of the received tree: every LeafNode's signature (§12.4.3.1
    /// "validate the LeafNode" for each non-blank leaf, §7.3).
    public static let joinVerificationsPerLeaf = 1

    // MARK: commit_create_n{N}

    /// Signatures of an empty commit with a path: the committer's new LeafNode (§7.2) and the
    /// commit's FramedContent (§6.1). No GroupInfo is needed when there is no Welcome.
    public static let pathCommitSignatures = 2
    /// Key pairs derived besides one per UpdatePath node: the new leaf's, from the leaf secret (§7.4).
    public static let pathCommitLeafDerivations = 1
    // Plus one `DeriveKeyPair` per UpdatePath node (the filtered direct path, §7.5) and one HPKE
    // seal per node of each copath child's resolution (§7.6): both counted from the commit.

    // MARK: commit_process_n{N}

    /// Verifications to process a path commit: the FramedContent signature (§6.1) and the new
    /// LeafNode's (§12.4.2, §7.3).
    public static let pathProcessVerifications = 2
    /// HPKE opens: the one path secret encrypted to a node we hold (§12.4.2).
    public static let pathProcessHPKEOpens = 1
    // Plus one `DeriveKeyPair` per UpdatePath node from the lowest common ancestor with the
    // committer up to the root, to check the public keys against the UpdatePath (§12.4.2).

    // MARK: app_encrypt / app_decrypt

    /// Signatures of an application message: its FramedContent (§6.1).
    public static let applicationSignatures = 1
    /// AEAD operations of a PrivateMessage: the content and the sender data (§6.3).
    public static let applicationAEADOperations = 2

    // MARK: counts per figure

    public static func keyPackageGeneration() -> OperationCount {
        OperationCount(sign: keyPackageSignatures, hpkeGenerate: keyPackageHPKEKeyPairs)
    }

    /// One commit adding `added` members to a group (no UpdatePath: adds alone need none).
    public static func addCommit(added: Int) -> OperationCount {
        OperationCount(
            sign: addCommitSignatures, verify: addVerificationsPerMember * added, hpkeSeal: addSealsPerMember * added,
            aeadSeal: addCommitAEADSeals)
    }

    /// Joining a group whose tree has `leaves` members.
    public static func join(leaves: Int) -> OperationCount {
        OperationCount(
            verify: joinGroupInfoVerifications + joinVerificationsPerLeaf * leaves, hpkeOpen: joinHPKEOpens,
            aeadOpen: joinAEADOpens)
    }

    /// Creating an empty commit whose UpdatePath has `pathNodes` nodes and `ciphertexts` HPKE
    /// ciphertexts in all.
    public static func pathCommitCreation(pathNodes: Int, ciphertexts: Int) -> OperationCount {
        OperationCount(
            sign: pathCommitSignatures, hpkeSeal: ciphertexts, hpkeDerive: pathCommitLeafDerivations + pathNodes)
    }

    /// Processing such a commit when `derivedNodes` UpdatePath nodes lie at or above our lowest
    /// common ancestor with the committer.
    public static func pathCommitProcessing(derivedNodes: Int) -> OperationCount {
        OperationCount(verify: pathProcessVerifications, hpkeOpen: pathProcessHPKEOpens, hpkeDerive: derivedNodes)
    }

    public static func applicationEncrypt() -> OperationCount {
        OperationCount(sign: applicationSignatures, aeadSeal: applicationAEADOperations)
    }

    public static func applicationDecrypt() -> OperationCount {
        OperationCount(verify: applicationSignatures, aeadOpen: applicationAEADOperations)
    }
}
