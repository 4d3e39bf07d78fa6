import MLS
import Testing

/// Sealing to many recipients under one `info` (the Welcome's GroupSecrets, RFC 9420 §12.4.3.1).
struct HPKEBatchSealTests {
    @Test(arguments: CipherSuite.allDefined)
    func everyRecipientOpensItsOwnCiphertext(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let recipients = try (0..<3).map { _ in try provider.generateHPKEKeyPair() }
        let info = [UInt8](repeating: 0x42, count: 70_000)
        let plaintexts = (0..<3).map { [UInt8](repeating: UInt8($0), count: 40) }
        let sealed = try provider.hpkeSeal(
            publicKeys: recipients.map(\.publicKey), info: info, aad: [1], plaintexts: plaintexts)
        #expect(sealed.count == 3)
        for (index, recipient) in recipients.enumerated() {
            #expect(try provider.hpkeOpen(privateKey: recipient.privateKey, ciphertext: sealed[index], info: info, aad: [1])
                == plaintexts[index])
        }
        // Another recipient's key, or another info, does not open it.
        #expect(throws: CryptoError.decryptionFailed) {
            try provider.hpkeOpen(privateKey: recipients[1].privateKey, ciphertext: sealed[0], info: info, aad: [1])
        }
        #expect(throws: CryptoError.decryptionFailed) {
            try provider.hpkeOpen(privateKey: recipients[0].privateKey, ciphertext: sealed[0], info: [0], aad: [1])
        }
    }
}
