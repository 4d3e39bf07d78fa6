import struct Foundation.Date

/// A KeyPackage that has passed validation (RFC 9420 §10.1), with its reference: the ``UnverifiedKeyPackage``
/// as received, checked.
///
/// The only way to obtain one is through validation, so holding one proves the checks were made.
public struct KeyPackage: Hashable, Sendable {
    /// The key package as received.
    public let keyPackage: UnverifiedKeyPackage
    /// `RefHash("MLS 1.0 KeyPackage Reference", KeyPackage)` under the key package's cipher suite.
    public let ref: KeyPackageRef

    /// Validates a key package outside any group, as a directory or a client about to add it does.
    ///
    /// - Parameters:
    ///   - keyPackage: The key package to check.
    ///   - cipherSuite: The suite the key package must use (the group's).
    ///   - crypto: Supplies the suite's operations.
    ///   - now: The current time, which must lie within the leaf's lifetime.
    ///   - maximumLifetime: The longest acceptable lifetime in seconds (RFC 9750 §7); nil for no limit.
    /// - Throws: `KeyPackageError`; `.crypto` when `crypto` does not implement the suite.
    public init(
        validating keyPackage: UnverifiedKeyPackage,
        cipherSuite: CipherSuite,
        crypto: some CryptoProvider,
        now: Date,
        maximumLifetime: UInt64? = nil
    ) throws(KeyPackageError) {
        let provider: any CipherSuiteProvider
        do {
            provider = try crypto.provider(for: cipherSuite)
        } catch {
            throw .crypto(error)
        }
        try self.init(
            validating: keyPackage, provider: provider,
            leafContext: LeafNodeValidationContext(usage: .keyPackage, now: now, maximumLifetime: maximumLifetime))
    }

    /// Validates a key package against a group's state, as an Add proposal's key package is.
    ///
    /// - Parameters:
    ///   - keyPackage: The key package to check.
    ///   - provider: The group's cipher suite, which the key package must use.
    ///   - leafContext: The group-dependent inputs of leaf validation; its `usage` is taken to be
    ///     `.keyPackage` whatever it is set to.
    /// - Throws: `KeyPackageError` naming the first rule that fails.
    public init(
        validating keyPackage: UnverifiedKeyPackage,
        provider: some CipherSuiteProvider,
        leafContext: LeafNodeValidationContext
    ) throws(KeyPackageError) {
        try self.init(validating: keyPackage, provider: provider, leafContext: leafContext, signaturesKnownValid: false)
    }

    /// Validates a key package, without verifying its two signatures when `signaturesKnownValid`:
    /// for a key package just signed, both by a key pair whose public key is the leaf's
    /// `signature_key`. Every other rule is checked, in the same order.
    init(
        validating keyPackage: UnverifiedKeyPackage,
        provider: some CipherSuiteProvider,
        leafContext: LeafNodeValidationContext,
        signaturesKnownValid: Bool
    ) throws(KeyPackageError) {
        // VAL-KP-01
        guard keyPackage.version == .mls10 else { throw .unsupportedVersion(keyPackage.version) }
        // VAL-KP-02
        guard keyPackage.cipherSuite == provider.suite else {
            throw .cipherSuiteMismatch(expected: provider.suite, actual: keyPackage.cipherSuite)
        }
        // VAL-KP-04
        var context = leafContext
        context.usage = .keyPackage
        do {
            try LeafNodeValidator.validate(
                keyPackage.leafNode, context: context, provider: provider,
                hasValidSignature: signaturesKnownValid ? true : nil)
        } catch {
            throw .invalidLeafNode(error)
        }
        // VAL-KP-05
        guard keyPackage.initKey != keyPackage.leafNode.encryptionKey else { throw .initKeyEqualsEncryptionKey }
        // §10, §13.4: unknown KeyPackage extensions MUST be ignored, so `extensions` is not checked
        // against the capabilities here; listing them is the creator's duty (`KeyPackageBundle`).
        // VAL-KP-03
        guard
            signaturesKnownValid
                || provider.verifyWithLabel(
                    publicKey: keyPackage.leafNode.signatureKey, label: UnverifiedKeyPackage.signatureLabel,
                    content: keyPackage.tbsEncoded, signature: keyPackage.signature)
        else { throw .invalidSignature }

        self.keyPackage = keyPackage
        self.ref = KeyPackageRef(keyPackage: keyPackage, provider: provider)
    }
}

extension KeyPackage: TLSEncodable {
    public func encode(to writer: inout TLSWriter) { writer.write(keyPackage) }
}
