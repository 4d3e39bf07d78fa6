/// Where the core's random bytes come from: fresh secrets and group ids, reuse guards, GREASE values, and the
/// private keys and HPKE ephemeral keys the built-in suites make.
///
/// The core never reads a system generator itself: it draws from the source its ``CryptoProvider`` was made with,
/// which the edge chooses (``SystemRandomSource`` through ``SystemEnvironment``). A test can pass a source of its
/// own. One exception remains: the ECDSA signatures of suites 2, 5 and 7 draw their nonces inside swift-crypto.
public protocol RandomSource: Sendable {
    /// Cryptographically secure random bytes.
    /// - Parameter count: How many bytes.
    /// - Returns: `count` random bytes.
    func bytes(count: Int) -> [UInt8]
}
