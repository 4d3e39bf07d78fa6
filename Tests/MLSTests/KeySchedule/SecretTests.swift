import MLS
import Testing

struct SecretTests {
    @Test func secretsWithTheSameBytesAreEqual() {
        #expect(Secret([1, 2, 3]) == Secret([1, 2, 3]))
        #expect(Secret([]) == Secret([]))
    }

    @Test(arguments: [
        [0xFF, 2, 3] as [UInt8],  // first byte
        [1, 2, 0xFF],  // last byte
        [1, 2],  // shorter
        [1, 2, 3, 0],  // longer, same prefix
    ])
    func secretsDifferingAnywhereOrInLengthAreUnequal(other: [UInt8]) {
        #expect(Secret([1, 2, 3]) != Secret(other))
    }

    @Test func descriptionShowsTheLengthOnly() {
        let secret = Secret([UInt8](repeating: 0xAB, count: 32))
        for text in [secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret)] {
            #expect(text == "Secret(32 bytes, redacted)")
        }
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("171") && !dumped.lowercased().contains("ab"))
    }

    @Test func bytesAreReachableThroughWithUnsafeBytes() {
        let secret = Secret([9, 8, 7])
        #expect(secret.count == 3)
        #expect(secret.withUnsafeBytes { Array($0) } == [9, 8, 7])
    }

    @Test(arguments: DefaultCryptoProvider().supportedCipherSuites)
    func epochSecretsPrintNoKeyMaterial(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let secrets = try EpochSecrets(
            epochSecret: [UInt8](repeating: 5, count: provider.hashLength), provider: provider)
        let texts = ["\(secrets)", String(reflecting: secrets)]
        var dumped = ""
        dump(secrets, to: &dumped)
        let hexSecret = secrets.initSecret.withUnsafeBytes { Array($0) }.hexString
        for text in texts + [dumped] {
            #expect(!text.contains(hexSecret))
            #expect(!text.contains(String(secrets.initSecret.withUnsafeBytes { $0[0] })))
            #expect(text.contains("redacted"))
        }
    }
}
