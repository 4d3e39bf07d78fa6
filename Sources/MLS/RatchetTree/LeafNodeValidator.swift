/// Leaf node validation (RFC 9420 §7.3).
///
/// Checks everything §7.3 asks except two things that belong elsewhere: the credential, which the
/// group checks with its `CredentialValidator` (the Authentication Service, applied the same way to
/// every member), and the parent hash of a `commit` leaf, which is checked with the tree.
public enum LeafNodeValidator {
    /// Validates a leaf node for the place it appears in.
    ///
    /// - Parameters:
    ///   - leaf: The leaf node to check; nothing is modified.
    ///   - context: Where the leaf appears and the group's state it must fit.
    ///   - provider: The group's (or key package's) cipher suite.
    /// - Throws: The `LeafNodeValidationError` of the first rule that fails.
    public static func validate(
        _ leaf: LeafNode, context: LeafNodeValidationContext, provider: some CipherSuiteProvider
    ) throws(LeafNodeValidationError) {
        try validate(leaf, context: context, provider: provider, hasValidSignature: nil)
    }

    /// Validates a leaf node whose signature may already have been verified.
    ///
    /// - Parameter hasValidSignature: the outcome of `hasValidSignature` for the leaf in this
    ///   context when the caller has it (verified in a batch, or made by the caller's own key
    ///   pair); nil verifies the signature here. The rules are checked in the same order either way.
    static func validate(
        _ leaf: LeafNode, context: LeafNodeValidationContext, provider: some CipherSuiteProvider,
        hasValidSignature known: Bool?
    ) throws(LeafNodeValidationError) {
        try checkSource(leaf, usage: context.usage)
        try checkCapabilities(leaf, context: context)
        try checkLifetime(leaf, context: context)
        try checkUniqueness(leaf, context: context)

        // VAL-LEAF-01
        let bound = context.usage.signatureContext
        guard known ?? leaf.hasValidSignature(groupID: bound.groupID, leafIndex: bound.leafIndex, provider: provider)
        else {
            throw .invalidSignature
        }
    }

    private static func checkSource(_ leaf: LeafNode, usage: LeafNodeUsage) throws(LeafNodeValidationError) {
        // VAL-LEAF-02
        let expected: UInt8?
        switch usage {
        case .keyPackage: expected = LeafNodeSource.keyPackage(Lifetime(notBefore: 0, notAfter: 0)).rawType
        case .update: expected = LeafNodeSource.update.rawType
        case .commit: expected = LeafNodeSource.commit(parentHash: []).rawType
        case .ratchetTree: expected = nil
        }
        if let expected, expected != leaf.source.rawType {
            throw .unexpectedSource(expected: expected, actual: leaf.source.rawType)
        }
        // VAL-LEAF-14
        if case .update(_, _, let replaced) = usage, replaced == leaf.encryptionKey {
            throw .updateEncryptionKeyUnchanged
        }
    }

    private static func checkCapabilities(
        _ leaf: LeafNode, context: LeafNodeValidationContext
    ) throws(LeafNodeValidationError) {
        // §7.3 asks nothing of `versions` and `cipher_suites`: choosing a version and suite the members
        // support is the creator's duty (§11), checked where we create a group or add members.
        let capabilities = leaf.capabilities
        let credentialType = leaf.credential.type
        // VAL-LEAF-03
        guard capabilities.credentials.contains(credentialType) else {
            throw .credentialTypeNotInCapabilities(credentialType)
        }
        // VAL-LEAF-04
        if let supported = context.credentialTypesSupportedByAllMembers, !supported.contains(credentialType) {
            throw .credentialTypeNotSupportedByMembers(credentialType)
        }
        // VAL-LEAF-05
        for inUse in context.credentialTypesInUse.sorted() where !capabilities.credentials.contains(inUse) {
            throw .credentialTypeInUseNotSupported(inUse)
        }

        if let required = context.requiredCapabilities {
            // VAL-LEAF-06: §11.1, default extension types are implemented by every client.
            for type in required.extensionTypes
            where !ExtensionType.defaultTypes.contains(type) && !capabilities.extensions.contains(type) {
                throw .requiredExtensionNotSupported(type)
            }
            // VAL-LEAF-07: likewise default proposal types.
            for type in required.proposalTypes where !isDefault(type) && !capabilities.proposals.contains(type) {
                throw .requiredProposalNotSupported(type)
            }
            // VAL-LEAF-08: credential types have no defaults.
            for type in required.credentialTypes where !capabilities.credentials.contains(type) {
                throw .requiredCredentialNotSupported(type)
            }
        }

        // VAL-LEAF-17
        for type in context.groupContextExtensionTypes where !capabilities.extensions.contains(type) {
            throw .groupContextExtensionNotSupported(type)
        }

        // VAL-LEAF-09
        for leafExtension in leaf.extensions
        where !ExtensionType.defaultTypes.contains(leafExtension.type)
            && !capabilities.extensions.contains(leafExtension.type)
        {
            throw .extensionNotInCapabilities(leafExtension.type)
        }
    }

    private static func checkLifetime(
        _ leaf: LeafNode, context: LeafNodeValidationContext
    ) throws(LeafNodeValidationError) {
        guard case .keyPackage(let lifetime) = leaf.source else { return }
        // VAL-LEAF-10
        if let now = context.now, !lifetime.contains(now) { throw .lifetimeNotCurrent(lifetime) }
        // VAL-LEAF-11
        if let maximum = context.maximumLifetime, lifetime.length > maximum {
            throw .lifetimeTooLong(lifetime, maximum: maximum)
        }
    }

    private static func checkUniqueness(
        _ leaf: LeafNode, context: LeafNodeValidationContext
    ) throws(LeafNodeValidationError) {
        // VAL-LEAF-12
        if context.existingEncryptionKeys.contains(leaf.encryptionKey)
            || context.existingKeys?.containsEncryptionKey(leaf.encryptionKey) == true
        {
            throw .duplicateEncryptionKey
        }
        // VAL-LEAF-13
        if context.existingSignatureKeys.contains(leaf.signatureKey)
            || context.existingKeys?.containsSignatureKey(leaf.signatureKey) == true
        {
            throw .duplicateSignatureKey
        }
    }

    /// §7.2: the proposal types RFC 9420 defines, `add` (1) to `group_context_extensions` (7).
    private static func isDefault(_ type: ProposalType) -> Bool { (1...7).contains(type.rawValue) }
}
