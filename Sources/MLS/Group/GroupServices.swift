import Foundation

/// What a group consults but does not own: the Authentication Service hook, the PSK store and
/// the clock. Not part of the persisted state; supplied again when a state is loaded.
public struct GroupServices: Sendable {
    /// Applied the same way to every credential that enters the group (RFC 9750 §6.5).
    public var credentialValidator: any CredentialValidator
    public var psks: any PSKStore
    /// The current time, for KeyPackage lifetimes.
    public var now: @Sendable () -> Date

    public init(
        credentialValidator: any CredentialValidator = BasicCredentialValidator(),
        psks: any PSKStore = StaticPSKStore(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentialValidator = credentialValidator
        self.psks = psks
        self.now = now
    }
}
