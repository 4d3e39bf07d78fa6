/// The crypto provider MLSGate ships: all seven RFC 9420 suites, on swift-crypto
/// (suites 1, 2, 3, 5, 7) and OpenSSL's libcrypto for X448/Ed448 (suites 4, 6).
public struct DefaultCryptoProvider: CryptoProvider {
    /// Where the suites' random bytes and fresh keys come from.
    public let random: any RandomSource

    /// Makes the provider.
    /// - Parameter random: Where the suites' random bytes and fresh keys come from; the edge's default is
    ///   ``SystemRandomSource`` (``init()``).
    public init(random: any RandomSource) {
        self.random = random
    }

    public var supportedCipherSuites: [CipherSuite] {
        CipherSuite.allDefined.filter { (try? provider(for: $0)) != nil }
    }

    public func provider(for suite: CipherSuite) throws(CryptoError) -> any CipherSuiteProvider {
        if let provider = SwiftCryptoSuite(suite: suite, random: random) { return provider }
        if let provider = Curve448Suite(suite: suite, random: random) { return provider }
        throw .unsupportedCipherSuite(suite)
    }
}
