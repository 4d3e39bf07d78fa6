import MLS
import Testing

/// The suites draw their random bytes, fresh keys and HPKE ephemeral keys from the provider's ``RandomSource``, so a
/// fixed source gives fixed output.
struct RandomSourceTests {
    /// The same bytes at every call: `start`, `start + 1`, … (small first bytes keep every curve's scalar in range).
    struct CountingSource: RandomSource {
        var start: UInt8
        func bytes(count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: Int(start) + $0) } }
    }

    static func provider(_ suite: CipherSuite, start: UInt8) throws -> any CipherSuiteProvider {
        try DefaultCryptoProvider(random: CountingSource(start: start)).provider(for: suite)
    }

    @Test(arguments: CipherSuite.allDefined)
    func aFixedSourceMakesFixedKeysAndCiphertexts(suite: CipherSuite) throws {
        let first = try Self.provider(suite, start: 1)
        let second = try Self.provider(suite, start: 1)
        #expect(first.randomBytes(count: 5) == [1, 2, 3, 4, 5])
        #expect(try first.generateHPKEKeyPair() == second.generateHPKEKeyPair())
        #expect(try first.generateSignatureKeyPair() == second.generateSignatureKeyPair())

        let recipient = try first.generateHPKEKeyPair()
        let sealed = try first.hpkeSeal(publicKey: recipient.publicKey, info: [1], aad: [2], plaintext: [3])
        #expect(try second.hpkeSeal(publicKey: recipient.publicKey, info: [1], aad: [2], plaintext: [3]) == sealed)
        #expect(try first.hpkeOpen(privateKey: recipient.privateKey, ciphertext: sealed, info: [1], aad: [2]) == [3])
        let exported = try first.hpkeExportSender(
            publicKey: recipient.publicKey, info: [], exporterContext: [4], length: 32)
        #expect(
            try second.hpkeExportReceiver(
                privateKey: recipient.privateKey, kemOutput: exported.kemOutput, info: [], exporterContext: [4],
                length: 32) == exported.secret)
    }

    @Test(arguments: CipherSuite.allDefined)
    func freshKeysComeFromTheSourceAndWork(suite: CipherSuite) throws {
        let provider = try Self.provider(suite, start: 1)
        let other = try Self.provider(suite, start: 9)
        #expect(try provider.generateHPKEKeyPair() != other.generateHPKEKeyPair())
        let signer = try provider.generateSignatureKeyPair()
        #expect(try signer != other.generateSignatureKeyPair())
        #expect(try provider.signaturePublicKey(privateKey: signer.privateKey) == signer.publicKey)
        let signature = try provider.sign(privateKey: signer.privateKey, message: [7])
        #expect(provider.verify(publicKey: signer.publicKey, message: [7], signature: signature))
    }
}
