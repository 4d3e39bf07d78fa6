import ArgumentParser
import Foundation
import MLS

/// `mlsgate make-keypackage`: prints a fresh KeyPackage made by MLSGate's MLS core, for client and
/// bridge authors who test their code against a KeyPackage directory (docs/protocol.md).
///
/// The private keys are not kept: the KeyPackage can be published and fetched, not joined with.
struct MakeKeyPackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-keypackage",
        abstract: "Print a KeyPackage made by MLSGate's MLS core (base64 MLSMessage), for testing a directory.",
        discussion: """
            The UnverifiedKeyPackage carries a basic credential whose identity is the given bare JID, as the \
            directory requires. Its private keys are discarded, so it is for testing publication \
            and validation only. --valid-from and --valid-until (Unix seconds) set its lifetime, \
            for example to make an expired one.
            """
    )

    @Option(help: "The bare JID the credential names.")
    var identity: String

    @Option(help: "Cipher suite number, 1 to 7.")
    var cipherSuite: UInt16 = 1

    @Option(help: "Start of the lifetime, in Unix seconds (default: an hour ago).")
    var validFrom: UInt64?

    @Option(help: "End of the lifetime, in Unix seconds (default: 90 days from now).")
    var validUntil: UInt64?

    @Flag(help: "Mark it as a last-resort KeyPackage (the last_resort_key_package component).")
    var lastResort = false

    func run() throws {
        let now = UInt64(Date().timeIntervalSince1970)
        let notBefore = validFrom ?? now - 3_600
        let notAfter = validUntil ?? now + 90 * 86_400
        guard notBefore <= notAfter else { throw ValidationError("--valid-from is after --valid-until") }
        let client = try Client(
            suite: CipherSuite(rawValue: cipherSuite), credential: .basic(identity: Array(identity.utf8)))
        let provider = client.provider
        let (capabilities, leafExtensions, extensions) =
            lastResort ? KeyPackageBundle.lastResort(capabilities: client.capabilities) : (client.capabilities, [], [])
        let bundle = try KeyPackageBundle(
            provider: provider, credential: client.credential, signatureKeyPair: client.signatureKeyPair,
            capabilities: capabilities, lifetime: Lifetime(notBefore: notBefore, notAfter: notAfter),
            leafExtensions: leafExtensions, extensions: extensions)
        print(Data(MLSMessage(body: .keyPackage(bundle.keyPackage)).tlsEncoded).base64EncodedString())
    }
}
