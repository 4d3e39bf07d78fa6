import Foundation

/// An MLS client: one identity (credential and signature key pair) in one cipher suite, with
/// the policies its groups share. It makes KeyPackages, creates groups and joins them.
public struct Client: Sendable {
    public let provider: any CipherSuiteProvider
    public let crypto: any CryptoProvider
    public let credential: Credential
    public let signatureKeyPair: SignatureKeyPair
    /// What this client announces in its leaves: by default mls10, every suite the crypto
    /// provider implements, the SelfRemove proposal, and basic and X.509 credentials. Never holds GREASE values (§13.5: "representations
    /// of a client's own capabilities MUST NOT contain GREASE values"); they are added to each leaf made while
    /// `services.grease` is on.
    public var capabilities: Capabilities
    public var configuration: GroupConfiguration
    public var services: GroupServices

    /// - Parameter signatureKeyPair: the client's signature keys; a new pair when nil.
    /// - Throws: `GroupError.crypto` when the suite is not implemented or key generation fails.
    public init(
        suite: CipherSuite,
        credential: Credential,
        signatureKeyPair: SignatureKeyPair? = nil,
        crypto: any CryptoProvider = DefaultCryptoProvider(),
        configuration: GroupConfiguration = .default,
        services: GroupServices = .system
    ) throws(GroupError) {
        let provider = try lift(GroupError.crypto) { () throws(CryptoError) in try crypto.provider(for: suite) }
        self.provider = provider
        self.crypto = crypto
        self.credential = credential
        if let signatureKeyPair {
            self.signatureKeyPair = signatureKeyPair
        } else {
            self.signatureKeyPair = try lift(GroupError.crypto) { () throws(CryptoError) in
                try provider.generateSignatureKeyPair()
            }
        }
        self.capabilities = Capabilities(
            versions: [.mls10], cipherSuites: crypto.supportedCipherSuites, extensions: [], proposals: [.selfRemove],
            credentials: [.basic, .x509])
        self.configuration = configuration
        self.services = services
    }

    /// A fresh KeyPackage valid from now (less a small allowance for clock skew) for `lifetime`, with GREASE
    /// values while `services.grease` is on.
    ///
    /// - Parameter lastResort: Whether to mark it as the client's last resort (RFC 9420 §16.8) with the
    ///   `last_resort_key_package` component (see `KeyPackageBundle.lastResort`). Default: false.
    public func makeKeyPackage(
        lifetime: TimeInterval = 90 * 86_400, lastResort: Bool = false
    ) throws(GroupError) -> KeyPackageBundle {
        let now = services.now()
        let (capabilities, leafExtensions, extensions) =
            lastResort ? KeyPackageBundle.lastResort(capabilities: capabilities) : (capabilities, [], [])
        return try lift(GroupError.keyPackage) { () throws(KeyPackageError) in
            try KeyPackageBundle(
                provider: provider, credential: credential, signatureKeyPair: signatureKeyPair,
                capabilities: capabilities,
                lifetime: Lifetime(from: now.addingTimeInterval(-3600), to: now.addingTimeInterval(lifetime)),
                leafExtensions: leafExtensions, extensions: extensions, grease: services.grease)
        }
    }

    /// Creates a group with this client as its only member (RFC 9420 §11).
    public func createGroup(groupID: [UInt8]? = nil, extensions: [Extension] = []) throws(GroupError) -> Group {
        let now = services.now()
        return try Group.create(
            groupID: groupID, provider: provider, credential: credential, signatureKeyPair: signatureKeyPair,
            capabilities: capabilities,
            leafLifetime: Lifetime(from: now.addingTimeInterval(-3600), to: now.addingTimeInterval(90 * 86_400)),
            extensions: extensions, configuration: configuration, services: services)
    }

    /// Joins a group from a Welcome made for one of our KeyPackages (§12.4.3.1).
    ///
    /// **Warning**: the group keeps only the leaf's encryption key; once this returns, the caller
    /// must delete the bundle (its private init key) wherever it stored it (§10: KeyPackages are
    /// single-use).
    public func join(
        _ welcome: MLSMessage, keyPackage: KeyPackageBundle, ratchetTree: RatchetTreeNodes? = nil
    ) async throws(GroupError) -> Group {
        guard case .welcome(let body) = welcome.body else { throw .unexpectedWireFormat(welcome.wireFormat) }
        return try await Group.join(
            welcome: body, keyPackage: keyPackage, signatureKeyPair: signatureKeyPair, ratchetTree: ratchetTree,
            crypto: crypto, configuration: configuration, services: services)
    }
}
