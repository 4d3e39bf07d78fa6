import Foundation
import MLS
import XMPP

extension KeyPackageDirectory {
    /// Checks one uploaded KeyPackage and makes the row that stores it for `owner`.
    ///
    /// - Throws: `DirectoryError` naming the KeyPackage by its place in the request.
    func validate(
        _ upload: KeyPackageUpload, index: Int, owner: JID, now: Date, publishedAt: Int64
    ) throws(DirectoryError) -> KeyPackageRow {
        let which = "KeyPackage \(index + 1)"
        guard upload.bytes.count <= configuration.maximumKeyPackageBytes else {
            throw DirectoryError(
                .tooLarge,
                "\(which) is \(upload.bytes.count) bytes, at most \(configuration.maximumKeyPackageBytes)")
        }
        let message: MLSMessage
        do {
            message = try MLSMessage(tlsEncoded: upload.bytes)
        } catch {
            throw DirectoryError(.malformed, "\(which) is not a valid MLSMessage: \(error)", cause: error)
        }
        guard case .keyPackage(let keyPackage) = message.body else {
            throw DirectoryError(.notAKeyPackage, "\(which) is an MLSMessage of another wire format")
        }
        guard configuration.enabledSuites.contains(keyPackage.cipherSuite) else {
            throw DirectoryError(
                .suiteNotEnabled,
                "\(which) uses cipher suite \(keyPackage.cipherSuite.rawValue), not enabled here")
        }
        let validated: KeyPackage
        do {
            validated = try KeyPackage(
                validating: keyPackage, cipherSuite: keyPackage.cipherSuite, crypto: crypto, now: now,
                maximumLifetime: configuration.maximumLifetime)
        } catch {
            throw Self.directoryError(error, which: which)
        }
        try checkIdentity(keyPackage.leafNode.credential, owner: owner, which: which)
        guard case .keyPackage(let lifetime) = keyPackage.leafNode.source else {
            throw DirectoryError(.invalid, "\(which) has a leaf node that is not from a KeyPackage")
        }
        return KeyPackageRow(
            ref: Data(validated.ref.bytes), owner: owner.description,
            signatureKey: Data(keyPackage.leafNode.signatureKey), cipherSuite: keyPackage.cipherSuite.rawValue,
            notAfter: Int64(clamping: lifetime.notAfter),
            // The `last-resort` attribute or the KeyPackage's own `last_resort_key_package` marks it.
            lastResort: upload.lastResort || keyPackage.isLastResort, bytes: Data(upload.bytes),
            publishedAt: publishedAt)
    }

    private func checkIdentity(_ credential: Credential, owner: JID, which: String)
        throws(DirectoryError)
    {
        let named: String?
        switch credential {
        case .basic(let identity):
            named = String(validating: identity, as: UTF8.self)
            guard named != nil else {
                throw DirectoryError(.identityMismatch, "\(which) has a basic identity that is not UTF-8")
            }
        case .x509(let certificates):
            guard let rule = configuration.x509Identity else {
                throw DirectoryError(
                    .credentialNotAccepted, "\(which) has an X.509 credential, not accepted here")
            }
            named = rule(certificates)
        @unknown default:
            throw DirectoryError(
                .credentialNotAccepted, "\(which) has a credential type not accepted here")
        }
        guard let named, let jid = try? JID(named), jid.isBare, jid == owner else {
            throw DirectoryError(
                .identityMismatch,
                "\(which) has a credential naming \(named ?? "no JID"), not the publisher \(owner)")
        }
    }

    private static func directoryError(_ error: KeyPackageError, which: String) -> DirectoryError {
        switch error {
        case .invalidSignature:
            return DirectoryError(
                .badSignature, "\(which) has a signature that does not verify", cause: error)
        case .invalidLeafNode(.invalidSignature):
            return DirectoryError(
                .badSignature, "\(which) has a leaf node signature that does not verify", cause: error)
        case .invalidLeafNode(.lifetimeNotCurrent(let lifetime)):
            return DirectoryError(
                .lifetimeNotCurrent,
                "\(which) is valid from \(lifetime.notBefore) to \(lifetime.notAfter), not now",
                cause: error)
        case .invalidLeafNode(.lifetimeTooLong(let lifetime, let maximum)):
            return DirectoryError(
                .lifetimeTooLong,
                "\(which) has a lifetime of \(lifetime.notAfter &- lifetime.notBefore) seconds, at most \(maximum)",
                cause: error)
        default:
            return DirectoryError(.invalid, "\(which) is invalid: \(error)", cause: error)
        }
    }
}
