import Foundation
import MLS
import MLSTestSupport
import Testing

struct LeafNodeValidatorTests {
    let fixture: LeafNodeFixture
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let groupID: [UInt8] = Array("room@muc.example.org".utf8)

    init() throws { fixture = try LeafNodeFixture() }

    private func context(_ usage: LeafNodeUsage = .keyPackage) -> LeafNodeValidationContext {
        LeafNodeValidationContext(usage: usage, now: now)
    }

    private func validate(_ leaf: LeafNode, _ context: LeafNodeValidationContext) throws(LeafNodeValidationError) {
        try LeafNodeValidator.validate(leaf, context: context, provider: fixture.provider)
    }

    @Test(arguments: CipherSuite.allDefined)
    func signedKeyPackageLeafIsValidForEverySuite(suite: CipherSuite) throws {
        let fixture = try LeafNodeFixture(suite: suite)
        let leaf = try fixture.leaf()
        try LeafNodeValidator.validate(leaf, context: context(), provider: fixture.provider)
        #expect(try LeafNode(tlsEncoded: leaf.tlsEncoded) == leaf)
    }

    @Test(arguments: CipherSuite.allDefined)
    func updateAndCommitLeavesBindGroupAndIndex(suite: CipherSuite) throws {
        let fixture = try LeafNodeFixture(suite: suite)
        for source in [LeafNodeSource.update, .commit(parentHash: [1, 2, 3])] {
            let leaf = try fixture.leaf(source: source, groupID: groupID, leafIndex: LeafIndex(3))
            let provider = fixture.provider
            let valid = leaf.hasValidSignature(groupID: groupID, leafIndex: LeafIndex(3), provider: provider)
            let otherGroup = leaf.hasValidSignature(groupID: [9], leafIndex: LeafIndex(3), provider: provider)
            let otherLeaf = leaf.hasValidSignature(groupID: groupID, leafIndex: LeafIndex(4), provider: provider)
            #expect(valid && !otherGroup && !otherLeaf)
        }
    }

    @Test func updateLeafIsValidInAnUpdateProposal() throws {
        let leaf = try fixture.leaf(source: .update, groupID: groupID, leafIndex: LeafIndex(2))
        try validate(leaf, context(.update(groupID: groupID, leafIndex: LeafIndex(2), replacedEncryptionKey: [7])))
        try validate(leaf, context(.ratchetTree(groupID: groupID, leafIndex: LeafIndex(2))))
    }

    @Test func commitLeafIsValidInAnUpdatePath() throws {
        let leaf = try fixture.leaf(source: .commit(parentHash: [1]), groupID: groupID, leafIndex: LeafIndex(1))
        try validate(leaf, context(.commit(groupID: groupID, leafIndex: LeafIndex(1))))
    }

    @Test func val_leaf_01_rejectsABadSignature() throws {
        var leaf = try fixture.leaf()
        leaf.signature[0] ^= 1
        #expect(throws: LeafNodeValidationError.invalidSignature) { try validate(leaf, context()) }
    }

    @Test func val_leaf_01_rejectsAnUpdateLeafSignedForAnotherIndex() throws {
        let leaf = try fixture.leaf(source: .update, groupID: groupID, leafIndex: LeafIndex(2))
        let usage = LeafNodeUsage.update(groupID: groupID, leafIndex: LeafIndex(5), replacedEncryptionKey: [7])
        #expect(throws: LeafNodeValidationError.invalidSignature) { try validate(leaf, context(usage)) }
    }

    @Test func val_leaf_02_rejectsTheWrongSourceForTheContext() throws {
        let keyPackageLeaf = try fixture.leaf()
        let update = LeafNodeUsage.update(groupID: groupID, leafIndex: LeafIndex(0), replacedEncryptionKey: [7])
        #expect(throws: LeafNodeValidationError.unexpectedSource(expected: 2, actual: 1)) {
            try validate(keyPackageLeaf, context(update))
        }
        let updateLeaf = try fixture.leaf(source: .update, groupID: groupID)
        #expect(throws: LeafNodeValidationError.unexpectedSource(expected: 1, actual: 2)) {
            try validate(updateLeaf, context())
        }
        #expect(throws: LeafNodeValidationError.unexpectedSource(expected: 3, actual: 2)) {
            try validate(updateLeaf, context(.commit(groupID: groupID, leafIndex: LeafIndex(0))))
        }
    }

    @Test func val_leaf_03_rejectsACredentialTypeMissingFromCapabilities() throws {
        let leaf = try fixture.leaf { $0.capabilities.credentials = [.x509] }
        #expect(throws: LeafNodeValidationError.credentialTypeNotInCapabilities(.basic)) {
            try validate(leaf, context())
        }
    }

    @Test func val_leaf_04_rejectsACredentialTypeSomeMemberDoesNotSupport() throws {
        let leaf = try fixture.leaf()
        var context = context()
        context.credentialTypesSupportedByAllMembers = [.x509]
        #expect(throws: LeafNodeValidationError.credentialTypeNotSupportedByMembers(.basic)) {
            try validate(leaf, context)
        }
        context.credentialTypesSupportedByAllMembers = [.basic, .x509]
        try validate(leaf, context)
    }

    @Test func val_leaf_05_rejectsALeafThatDoesNotSupportACredentialTypeInUse() throws {
        let leaf = try fixture.leaf()
        var context = context()
        context.credentialTypesInUse = [.basic, .x509]
        #expect(throws: LeafNodeValidationError.credentialTypeInUseNotSupported(.x509)) {
            try validate(leaf, context)
        }
    }

    /// §13.4: "The `capabilities` field MUST indicate support for each extension in the GroupContext."
    @Test func val_leaf_17_rejectsALeafThatDoesNotSupportAGroupContextExtension() throws {
        let custom = ExtensionType(rawValue: 0xFF02)
        var context = context()
        context.groupContextExtensionTypes = [custom]
        #expect(throws: LeafNodeValidationError.groupContextExtensionNotSupported(custom)) {
            try validate(try fixture.leaf(), context)
        }
        try validate(try fixture.leaf { $0.capabilities.extensions = [custom] }, context)
    }

    @Test func val_leaf_06_rejectsAMissingRequiredExtension() throws {
        let leaf = try fixture.leaf()
        var context = context()
        // Default extension types need not be listed.
        context.requiredCapabilities = RequiredCapabilities(
            extensionTypes: [.ratchetTree], proposalTypes: [.add], credentialTypes: [.basic])
        try validate(leaf, context)
        context.requiredCapabilities?.extensionTypes.append(ExtensionType(rawValue: 0xFF01))
        #expect(throws: LeafNodeValidationError.requiredExtensionNotSupported(ExtensionType(rawValue: 0xFF01))) {
            try validate(leaf, context)
        }
    }

    @Test func val_leaf_07_rejectsAMissingRequiredProposal() throws {
        let leaf = try fixture.leaf()
        var context = context()
        context.requiredCapabilities = RequiredCapabilities(
            extensionTypes: [], proposalTypes: [ProposalType(rawValue: 0xFF02)], credentialTypes: [])
        #expect(throws: LeafNodeValidationError.requiredProposalNotSupported(ProposalType(rawValue: 0xFF02))) {
            try validate(leaf, context)
        }
    }

    @Test func val_leaf_08_rejectsAMissingRequiredCredential() throws {
        let leaf = try fixture.leaf()
        var context = context()
        context.requiredCapabilities = RequiredCapabilities(
            extensionTypes: [], proposalTypes: [], credentialTypes: [.x509])
        #expect(throws: LeafNodeValidationError.requiredCredentialNotSupported(.x509)) {
            try validate(leaf, context)
        }
    }

    @Test func val_leaf_09_rejectsAnExtensionMissingFromCapabilities() throws {
        let custom = ExtensionType(rawValue: 0xFF03)
        let unlisted = try fixture.leaf { $0.extensions = [Extension(type: custom, data: [1])] }
        #expect(throws: LeafNodeValidationError.extensionNotInCapabilities(custom)) {
            try validate(unlisted, context())
        }
        let listed = try fixture.leaf {
            $0.extensions = [Extension(type: custom, data: [1]), Extension(type: .applicationID, data: [2])]
            $0.capabilities.extensions = [custom]
        }
        try validate(listed, context())
    }

    @Test func val_leaf_10_rejectsALifetimeThatIsNotCurrent() throws {
        let lifetime = Lifetime(notBefore: 1_700_000_100, notAfter: 1_700_000_200)
        let leaf = try fixture.leaf(source: .keyPackage(lifetime))
        #expect(throws: LeafNodeValidationError.lifetimeNotCurrent(lifetime)) { try validate(leaf, context()) }
        var later = context()
        later.now = Date(timeIntervalSince1970: 1_700_000_201)
        #expect(throws: LeafNodeValidationError.lifetimeNotCurrent(lifetime)) { try validate(leaf, later) }
        later.now = Date(timeIntervalSince1970: 1_700_000_200)
        try validate(leaf, later)
        later.now = nil
        try validate(leaf, later)
    }

    @Test func val_leaf_11_rejectsALifetimeLongerThanTheMaximum() throws {
        let lifetime = Lifetime(notBefore: 1_600_000_000, notAfter: 1_800_000_000)
        let leaf = try fixture.leaf(source: .keyPackage(lifetime))
        var context = context()
        context.maximumLifetime = 90 * 24 * 3600
        #expect(throws: LeafNodeValidationError.lifetimeTooLong(lifetime, maximum: 90 * 24 * 3600)) {
            try validate(leaf, context)
        }
        context.maximumLifetime = 200_000_000
        try validate(leaf, context)
    }

    @Test func val_leaf_12_rejectsAnEncryptionKeyAlreadyInTheTree() throws {
        let leaf = try fixture.leaf()
        var context = context()
        context.existingEncryptionKeys = [leaf.encryptionKey]
        #expect(throws: LeafNodeValidationError.duplicateEncryptionKey) { try validate(leaf, context) }
    }

    @Test func val_leaf_13_rejectsASignatureKeyAlreadyInTheTree() throws {
        let leaf = try fixture.leaf()
        var context = context()
        context.existingSignatureKeys = [leaf.signatureKey]
        #expect(throws: LeafNodeValidationError.duplicateSignatureKey) { try validate(leaf, context) }
    }

    @Test func val_leaf_14_rejectsAnUpdateThatKeepsTheEncryptionKey() throws {
        let leaf = try fixture.leaf(source: .update, groupID: groupID, leafIndex: LeafIndex(1))
        let usage = LeafNodeUsage.update(
            groupID: groupID, leafIndex: LeafIndex(1), replacedEncryptionKey: leaf.encryptionKey)
        #expect(throws: LeafNodeValidationError.updateEncryptionKeyUnchanged) { try validate(leaf, context(usage)) }
    }

    /// §7.3 has no check of `capabilities.versions` or `capabilities.cipher_suites` (the rules VAL-LEAF-15 and
    /// VAL-LEAF-16 used to add): §11 makes choosing a supported suite the creator's duty, not a receiver's.
    @Test func capabilitiesWithoutTheGroupVersionOrSuiteAreAccepted() throws {
        let noSuite = try fixture.leaf { $0.capabilities.cipherSuites = [.mls128DHKEMP256AES128GCMSHA256P256] }
        try validate(noSuite, context())
        let noVersion = try fixture.leaf { $0.capabilities.versions = [ProtocolVersion(rawValue: 2)] }
        try validate(noVersion, context())
        let empty = try fixture.leaf {
            $0.capabilities.versions = []
            $0.capabilities.cipherSuites = []
        }
        try validate(empty, context())
        #expect(empty.capabilities.cipherSuites.isEmpty)
    }

    @Test func unknownCapabilityValuesAreIgnored() throws {
        let leaf = try fixture.leaf {
            $0.capabilities.cipherSuites.append(CipherSuite(rawValue: 0x0A0A))
            $0.capabilities.credentials.append(CredentialType(rawValue: 0x1A1A))
            $0.capabilities.extensions.append(ExtensionType(rawValue: 0x2A2A))
        }
        try validate(leaf, context())
    }
}
