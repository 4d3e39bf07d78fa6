/// The crypto provider MLSGate ships: all seven RFC 9420 suites.
public struct DefaultCryptoProvider: CryptoProvider {
    public init() {}

    public var supportedCipherSuites: [CipherSuite] {
        CipherSuite.allDefined.filter { SwiftCryptoSuite(suite: $0) != nil }
    }

    public func provider(for suite: CipherSuite) throws(CryptoError) -> any CipherSuiteProvider {
        if let provider = SwiftCryptoSuite(suite: suite) { return provider }
        throw .unsupportedCipherSuite(suite)
    }
}
