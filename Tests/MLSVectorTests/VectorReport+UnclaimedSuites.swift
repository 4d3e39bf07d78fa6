import MLS
import MLSVectors

extension VectorReport {
    /// The failures left after setting aside cases of suites the default provider does not claim
    /// to implement; a suite it claims is never excused.
    var failuresOnClaimedSuites: [VectorFailure] {
        let claimed = DefaultCryptoProvider().supportedCipherSuites
        let unclaimedMessages = CipherSuite.allDefined.filter { !claimed.contains($0) }
            .map { "\(CryptoError.unsupportedCipherSuite($0))" }
        return failures.filter { !unclaimedMessages.contains($0.message) }
    }
}
