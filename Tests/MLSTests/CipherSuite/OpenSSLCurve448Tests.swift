@testable import MLS
import Testing

/// Known answers from RFC 7748 §6.2 (X448) and RFC 8032 §7.4 (Ed448, "Blank").
struct OpenSSLCurve448Tests {
    static let alicePrivate = bytes(
        "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b")
    static let alicePublic = bytes(
        "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0")
    static let bobPrivate = bytes(
        "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d")
    static let bobPublic = bytes(
        "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609")
    static let sharedSecret = bytes(
        "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d")

    static let edPrivate = bytes(
        "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b")
    static let edPublic = bytes(
        "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180")
    static let edSignature = bytes(
        "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980"
            + "ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600")

    @Test func x448PublicKeysMatchRFC7748() throws {
        #expect(try OpenSSLCurve448.x448PublicKey(privateKey: Self.alicePrivate) == Self.alicePublic)
        #expect(try OpenSSLCurve448.x448PublicKey(privateKey: Self.bobPrivate) == Self.bobPublic)
    }

    @Test func x448SharedSecretMatchesRFC7748FromBothSides() throws {
        #expect(try OpenSSLCurve448.x448(privateKey: Self.alicePrivate, publicKey: Self.bobPublic) == Self.sharedSecret)
        #expect(try OpenSSLCurve448.x448(privateKey: Self.bobPrivate, publicKey: Self.alicePublic) == Self.sharedSecret)
    }

    @Test func x448RejectsLowOrderPublicKeyWithAllZeroSecret() {
        // u = 0 and u = 1 are small-order points: the shared secret is all zeros.
        for u: UInt8 in [0, 1] {
            let lowOrder = [u] + [UInt8](repeating: 0, count: 55)
            #expect(throws: CryptoError.self) {
                try OpenSSLCurve448.x448(privateKey: Self.alicePrivate, publicKey: lowOrder)
            }
        }
    }

    @Test(arguments: [0, 32, 55, 57])
    func x448RejectsKeysOfWrongLength(length: Int) {
        let key = [UInt8](repeating: 7, count: length)
        #expect(throws: CryptoError.self) { try OpenSSLCurve448.x448PublicKey(privateKey: key) }
        #expect(throws: CryptoError.self) { try OpenSSLCurve448.x448(privateKey: key, publicKey: Self.bobPublic) }
        #expect(throws: CryptoError.self) { try OpenSSLCurve448.x448(privateKey: Self.alicePrivate, publicKey: key) }
    }

    @Test func ed448PublicKeyAndSignatureMatchRFC8032() throws {
        #expect(try OpenSSLCurve448.ed448PublicKey(privateKey: Self.edPrivate) == Self.edPublic)
        #expect(try OpenSSLCurve448.ed448Sign(privateKey: Self.edPrivate, message: []) == Self.edSignature)
        #expect(OpenSSLCurve448.ed448Verify(publicKey: Self.edPublic, message: [], signature: Self.edSignature))
    }

    @Test func ed448VerifyRejectsChangedMessageOrSignature() {
        #expect(!OpenSSLCurve448.ed448Verify(publicKey: Self.edPublic, message: [0], signature: Self.edSignature))
        var tampered = Self.edSignature
        tampered[10] ^= 0x01
        #expect(!OpenSSLCurve448.ed448Verify(publicKey: Self.edPublic, message: [], signature: tampered))
    }

    @Test func ed448VerifyReturnsFalseForMalformedInput() {
        #expect(!OpenSSLCurve448.ed448Verify(publicKey: [], message: [], signature: Self.edSignature))
        #expect(!OpenSSLCurve448.ed448Verify(publicKey: Self.edPublic, message: [], signature: []))
        #expect(!OpenSSLCurve448.ed448Verify(
            publicKey: Self.edPublic, message: [], signature: Self.edSignature + [0]))
        // 57 bytes that decode to no curve point.
        let notAPoint = [UInt8](repeating: 0xFF, count: 57)
        #expect(!OpenSSLCurve448.ed448Verify(publicKey: notAPoint, message: [], signature: Self.edSignature))
    }

    @Test func ed448RejectsPrivateKeyOfWrongLength() {
        #expect(throws: CryptoError.self) { try OpenSSLCurve448.ed448Sign(privateKey: [1, 2, 3], message: []) }
        #expect(throws: CryptoError.self) { try OpenSSLCurve448.ed448PublicKey(privateKey: Self.alicePrivate) }
    }
}

/// Parses a hex literal of the test tables.
private func bytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { i in
        UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16)!
    }
}
