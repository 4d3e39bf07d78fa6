import Foundation

/// The edge of the MLS module: the one place it reads the system's clock, random number generator and processor
/// count.
///
/// The rest of the module takes them as arguments: the clock and the parallelism in ``GroupServices``, randomness
/// in the ``RandomSource`` of a ``CryptoProvider``. The conveniences below, ``GroupServices/system``,
/// `GroupServices()`, `DefaultCryptoProvider()` and the `services:` defaults of the public entry points, all
/// resolve here, so an executable and tests that want the system's values say so once, and a test that wants a
/// fixed clock or fixed randomness passes its own.
public enum SystemEnvironment {
    /// The system clock.
    public static let clock: @Sendable () -> Date = { Date() }

    /// How many processors are active now.
    public static var parallelism: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The system's cryptographically secure random number generator.
    public static var random: SystemRandomSource { SystemRandomSource() }
}

/// Random bytes from `SystemRandomNumberGenerator`, the operating system's secure generator.
public struct SystemRandomSource: RandomSource {
    public init() {}

    public func bytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension GroupServices {
    /// The default validator and PSK store, the system clock, the active processor count, and GREASE on.
    public static var system: GroupServices { GroupServices() }

    /// Makes the services with the system clock and processor count (see ``SystemEnvironment``).
    /// - Parameters:
    ///   - credentialValidator: The Authentication Service hook.
    ///   - psks: The PSK store.
    ///   - now: The clock; the system's by default.
    ///   - grease: Whether to add GREASE values.
    public init(
        credentialValidator: any CredentialValidator = BasicCredentialValidator(),
        psks: any PSKStore = StaticPSKStore(),
        now: @escaping @Sendable () -> Date = SystemEnvironment.clock,
        grease: Bool = true
    ) {
        self.init(
            credentialValidator: credentialValidator, psks: psks, now: now, parallelism: SystemEnvironment.parallelism,
            grease: grease)
    }
}

extension DefaultCryptoProvider {
    /// The provider drawing from the system's random number generator (``SystemRandomSource``).
    public init() {
        self.init(random: SystemEnvironment.random)
    }
}
