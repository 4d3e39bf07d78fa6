import Foundation

/// What a group consults but does not own: the Authentication Service hook, the PSK store, the clock, how many
/// tasks it may verify with at once and whether to GREASE. Not part of the persisted state; supplied again when a
/// state is loaded.
///
/// The core reads no clock and no processor count of its own: both come from here. The system's values are
/// chosen at the edge, in ``SystemEnvironment`` (``GroupServices/system``).
public struct GroupServices: Sendable {
    /// Applied the same way to every credential that enters the group (RFC 9750 §6.5).
    public var credentialValidator: any CredentialValidator
    public var psks: any PSKStore
    /// The current time, for KeyPackage lifetimes.
    public var now: @Sendable () -> Date
    /// The most tasks that verify a received ratchet tree's leaf signatures at once; 1 verifies them in turn.
    public var parallelism: Int
    /// Whether the KeyPackages, leaves and GroupInfos made with these services carry random GREASE values
    /// (RFC 9420 §13.5 SHOULD). Default: true; false for tests that need fixed contents.
    public var grease: Bool

    /// Makes the services from what the caller chose.
    /// - Parameters:
    ///   - credentialValidator: The Authentication Service hook.
    ///   - psks: The PSK store.
    ///   - now: The clock.
    ///   - parallelism: The most verification tasks at once; values below 1 count as 1.
    ///   - grease: Whether to add GREASE values.
    public init(
        credentialValidator: any CredentialValidator = BasicCredentialValidator(),
        psks: any PSKStore = StaticPSKStore(),
        now: @escaping @Sendable () -> Date,
        parallelism: Int,
        grease: Bool = true
    ) {
        self.credentialValidator = credentialValidator
        self.psks = psks
        self.now = now
        self.parallelism = max(parallelism, 1)
        self.grease = grease
    }
}
