@testable import MLS
import Testing

struct PreparedSigningKeyTests {
    static let label = "PreparedSigningKeyTests"
    static let content: [UInt8] = Array("signed content".utf8)

    @Test(arguments: CipherSuite.allDefined)
    func keyPairSignaturesVerifyEveryTime(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let pair = try provider.generateSignatureKeyPair()
        let copy = pair
        for signer in [pair, pair, copy] {
            let signature = try provider.signWithLabel(keyPair: signer, label: Self.label, content: Self.content)
            #expect(provider.verifyWithLabel(
                publicKey: pair.publicKey, label: Self.label, content: Self.content, signature: signature))
        }
    }

    @Test func replacingThePrivateKeySignsWithTheNewOne() throws {
        let provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let first = try provider.generateSignatureKeyPair()
        let second = try provider.generateSignatureKeyPair()
        var pair = first
        _ = try provider.signWithLabel(keyPair: pair, label: Self.label, content: Self.content)
        pair.privateKey = second.privateKey
        pair.publicKey = second.publicKey
        let signature = try provider.signWithLabel(keyPair: pair, label: Self.label, content: Self.content)
        #expect(provider.verifyWithLabel(
            publicKey: second.publicKey, label: Self.label, content: Self.content, signature: signature))
        #expect(!provider.verifyWithLabel(
            publicKey: first.publicKey, label: Self.label, content: Self.content, signature: signature))
        // The earlier copy keeps its own key.
        let earlier = try provider.signWithLabel(keyPair: first, label: Self.label, content: Self.content)
        #expect(provider.verifyWithLabel(
            publicKey: first.publicKey, label: Self.label, content: Self.content, signature: earlier))
    }

    @Test func aMalformedPrivateKeyFailsAtEverySignature() throws {
        let provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let pair = SignatureKeyPair(privateKey: [1, 2, 3], publicKey: [4, 5, 6])
        for _ in 0..<2 {
            #expect(throws: CryptoError.self) {
                _ = try provider.signWithLabel(keyPair: pair, label: Self.label, content: Self.content)
            }
        }
    }

    @Test func keyPairsEqualByTheirKeysAlone() throws {
        let provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let pair = try provider.generateSignatureKeyPair()
        let used = pair
        _ = try provider.signWithLabel(keyPair: used, label: Self.label, content: Self.content)
        #expect(SignatureKeyPair(privateKey: pair.privateKey, publicKey: pair.publicKey) == used)
        let other = try provider.generateSignatureKeyPair()
        #expect(SignatureKeyPair(privateKey: pair.privateKey, publicKey: other.publicKey) != pair)
    }

    @Test(arguments: CipherSuite.allDefined)
    func matchingIsKnownOnlyForTheProvidersOwnPublicKey(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let pair = try provider.generateSignatureKeyPair()
        let other = try provider.generateSignatureKeyPair()
        // The Curve448 suites do not prepare keys, so a match is never known there.
        let prepares = provider is any SigningKeyPreparing
        #expect(pair.isKnownToMatch(in: provider) == prepares)
        #expect(!SignatureKeyPair(privateKey: pair.privateKey, publicKey: other.publicKey).isKnownToMatch(in: provider))
        #expect(!SignatureKeyPair(privateKey: [1, 2, 3], publicKey: pair.publicKey).isKnownToMatch(in: provider))
    }
}
