import Foundation

/// What a group consults but does not own: the Authentication Service hook, the PSK store, the
/// clock and whether to GREASE. Not part of the persisted state; supplied again when a state is loaded.
public struct GroupServices: Sendable {
    /// Applied the same way to every credential that enters the group (RFC 9750 §6.5).
    public var credentialValidator: any CredentialValidator
    public var psks: any PSKStore
    /// The current time, for KeyPackage lifetimes.
    public var now: @Sendable () -> Date
    /// Whether the KeyPackages, leaves and GroupInfos made with these services carry random GREASE values
    /// (RFC 9420 §13.5 SHOULD). Default: true; false for tests that need fixed contents.
    public var grease: Bool

    public init(
        credentialValidator: any CredentialValidator = BasicCredentialValidator(),
        psks: any PSKStore = StaticPSKStore(),
        now: @escaping @Sendable () -> Date = { Date() },
        grease: Bool = true
    ) {
        self.credentialValidator = credentialValidator
        self.psks = psks
        self.now = now
        self.grease = grease
    }
}
