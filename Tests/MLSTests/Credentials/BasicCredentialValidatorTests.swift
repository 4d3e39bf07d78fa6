import MLS
import Testing

struct BasicCredentialValidatorTests {
    let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    @Test func acceptsABasicCredentialAndReturnsItsIdentity() async {
        let result = await BasicCredentialValidator().validate(
            .basic(identity: Array("bob@example.org".utf8)), signatureKey: [1], suite: suite)
        #expect(result == .valid(identity: Array("bob@example.org".utf8)))
    }

    @Test func refusesAnEmptyIdentityByDefault() async {
        let result = await BasicCredentialValidator().validate(.basic(identity: []), signatureKey: [1], suite: suite)
        #expect(!result.isValid)
    }

    @Test func refusesAnIdentityThePredicateRejects() async {
        let validator = BasicCredentialValidator { String(decoding: $0, as: UTF8.self).hasSuffix("@example.org") }
        let accepted = await validator.validate(
            .basic(identity: Array("a@example.org".utf8)), signatureKey: [1], suite: suite)
        let refused = await validator.validate(
            .basic(identity: Array("a@evil.test".utf8)), signatureKey: [1], suite: suite)
        #expect(accepted.isValid)
        #expect(!refused.isValid)
    }

    @Test func refusesAnX509Credential() async {
        let result = await BasicCredentialValidator().validate(
            .x509(certificates: [Certificate(data: [0x30, 0x00])]), signatureKey: [1], suite: suite)
        #expect(!result.isValid)
    }
}
