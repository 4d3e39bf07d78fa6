@testable import MLS
import Testing

struct Curve448SuiteTests {
    static let suites: [CipherSuite] = [
        .mls256DHKEMX448AES256GCMSHA512Ed448, .mls256DHKEMX448ChaCha20Poly1305SHA512Ed448,
    ]

    @Test func defaultProviderSupportsAllSevenSuites() throws {
        #expect(DefaultCryptoProvider().supportedCipherSuites == CipherSuite.allDefined)
        for suite in Self.suites {
            #expect(try DefaultCryptoProvider().provider(for: suite).suite == suite)
        }
    }

    @Test func curve448SuiteOnlyClaimsSuitesFourAndSix() {
        let claimed = (0...8).map { CipherSuite(rawValue: $0) }
            .filter { Curve448Suite(suite: $0, random: SystemRandomSource()) != nil }
        #expect(claimed == Self.suites)
    }

    @Test(arguments: suites)
    func parametersAreThoseOfRFC9420(suite: CipherSuite) throws {
        let cs = try DefaultCryptoProvider().provider(for: suite)
        #expect(cs.hashLength == 64)
        #expect(cs.aeadKeyLength == 32)
        #expect(cs.aeadNonceLength == 12)
        #expect(cs.hash(Array("abc".utf8)) == HashAlgorithm.sha512.hash(Array("abc".utf8)))
    }

    @Test(arguments: suites)
    func hpkeRoundTripsAndHasX448Sizes(suite: CipherSuite) throws {
        let cs = try DefaultCryptoProvider().provider(for: suite)
        let pair = try cs.generateHPKEKeyPair()
        let plaintext = Array("group secrets".utf8)
        let sealed = try cs.hpkeSeal(publicKey: pair.publicKey, info: [1, 2], aad: [3], plaintext: plaintext)
        #expect(sealed.kemOutput.count == 56)
        #expect(sealed.ciphertext.count == plaintext.count + 16)
        #expect(try cs.hpkeOpen(privateKey: pair.privateKey, ciphertext: sealed, info: [1, 2], aad: [3]) == plaintext)
    }

    @Test(arguments: suites)
    func hpkeOpenRejectsAnyChangedInput(suite: CipherSuite) throws {
        let cs = try DefaultCryptoProvider().provider(for: suite)
        let pair = try cs.generateHPKEKeyPair()
        let other = try cs.generateHPKEKeyPair()
        let sealed = try cs.hpkeSeal(publicKey: pair.publicKey, info: [1], aad: [2], plaintext: [9, 9, 9])
        var badCiphertext = sealed
        badCiphertext.ciphertext[0] ^= 1
        var badKEMOutput = sealed
        badKEMOutput.kemOutput[5] ^= 1
        var shortKEMOutput = sealed
        shortKEMOutput.kemOutput.removeLast()
        let attempts: [(privateKey: [UInt8], ciphertext: HPKECiphertext, info: [UInt8], aad: [UInt8])] = [
            (other.privateKey, sealed, [1], [2]),
            (pair.privateKey, badCiphertext, [1], [2]),
            (pair.privateKey, badKEMOutput, [1], [2]),
            (pair.privateKey, shortKEMOutput, [1], [2]),
            (pair.privateKey, sealed, [0], [2]),
            (pair.privateKey, sealed, [1], []),
        ]
        for attempt in attempts {
            #expect(throws: CryptoError.decryptionFailed) {
                try cs.hpkeOpen(privateKey: attempt.privateKey, ciphertext: attempt.ciphertext, info: attempt.info,
                                aad: attempt.aad)
            }
        }
    }

    @Test(arguments: suites)
    func hpkeSealRejectsMalformedPublicKey(suite: CipherSuite) throws {
        let cs = try DefaultCryptoProvider().provider(for: suite)
        #expect(throws: CryptoError.self) { try cs.hpkeSeal(publicKey: [1, 2, 3], info: [], aad: [], plaintext: []) }
        #expect(throws: CryptoError.self) {
            try cs.hpkeSeal(publicKey: [UInt8](repeating: 0, count: 56), info: [], aad: [], plaintext: [])
        }
    }

    @Test(arguments: suites)
    func deriveHPKEKeyPairIsDeterministicAndConsistent(suite: CipherSuite) throws {
        let cs = try DefaultCryptoProvider().provider(for: suite)
        let first = try cs.deriveHPKEKeyPair(ikm: [UInt8](repeating: 0x42, count: 64))
        let again = try cs.deriveHPKEKeyPair(ikm: [UInt8](repeating: 0x42, count: 64))
        let different = try cs.deriveHPKEKeyPair(ikm: [UInt8](repeating: 0x43, count: 64))
        #expect(first == again)
        #expect(first != different)
        #expect(first.privateKey.count == 56)
        #expect(try cs.hpkePublicKey(privateKey: first.privateKey) == first.publicKey)
    }

    @Test(arguments: suites)
    func generatedSignatureKeysSignAndVerify(suite: CipherSuite) throws {
        let cs = try DefaultCryptoProvider().provider(for: suite)
        let pair = try cs.generateSignatureKeyPair()
        #expect(pair.privateKey.count == 57 && pair.publicKey.count == 57)
        #expect(try cs.signaturePublicKey(privateKey: pair.privateKey) == pair.publicKey)
        let signature = try cs.signWithLabel(privateKey: pair.privateKey, label: "Test", content: [1, 2, 3])
        #expect(cs.verifyWithLabel(publicKey: pair.publicKey, label: "Test", content: [1, 2, 3], signature: signature))
        #expect(!cs.verifyWithLabel(publicKey: pair.publicKey, label: "Other", content: [1, 2, 3], signature: signature))
    }

    @Test(arguments: suites)
    func aeadRoundTripsAndRejectsTampering(suite: CipherSuite) throws {
        let cs = try DefaultCryptoProvider().provider(for: suite)
        let key = cs.randomBytes(count: 32)
        let nonce = cs.randomBytes(count: 12)
        var sealed = try cs.aeadSeal(key: key, nonce: nonce, aad: [7], plaintext: [1, 2, 3])
        #expect(try cs.aeadOpen(key: key, nonce: nonce, aad: [7], ciphertext: sealed) == [1, 2, 3])
        sealed[sealed.count - 1] ^= 1
        #expect(throws: CryptoError.decryptionFailed) {
            try cs.aeadOpen(key: key, nonce: nonce, aad: [7], ciphertext: sealed)
        }
    }
}
