import MLS
import Testing

struct PSKSecretTests {
    static let suites = DefaultCryptoProvider().supportedCipherSuites

    static func external(_ id: UInt8, nonce: UInt8 = 0) -> PreSharedKeyID {
        PreSharedKeyID(kind: .external(id: [id]), nonce: [UInt8](repeating: nonce, count: 32))
    }

    @Test(arguments: suites)
    func pskSecretWithoutPSKsIsAllZeroOfHashLength(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let secret = try PSKSecret.compute(psks: [], provider: provider)
        #expect(secret == [UInt8](repeating: 0, count: provider.hashLength))
    }

    @Test(arguments: suites)
    func pskSecretDependsOnOrderIdentifierAndNonce(suite: CipherSuite) throws {
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let a = (id: Self.external(1), psk: [UInt8](repeating: 1, count: 32))
        let b = (id: Self.external(2), psk: [UInt8](repeating: 2, count: 32))
        let forward = try PSKSecret.compute(psks: [a, b], provider: provider)
        #expect(forward.count == provider.hashLength)
        #expect(forward != [UInt8](repeating: 0, count: provider.hashLength))
        #expect(try PSKSecret.compute(psks: [b, a], provider: provider) != forward)
        let renonced = (id: Self.external(1, nonce: 7), psk: a.psk)
        #expect(try PSKSecret.compute(psks: [renonced, b], provider: provider) != forward)
        let renamed = (id: Self.external(3), psk: a.psk)
        #expect(try PSKSecret.compute(psks: [renamed, b], provider: provider) != forward)
        #expect(try PSKSecret.compute(psks: [a], provider: provider) != forward)
    }

    @Test func pskSecretRejectsMoreThan65535PSKs() throws {
        let provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
        let psks = Array(repeating: (id: Self.external(1), psk: [UInt8]([1])), count: 65536)
        #expect(throws: KeyScheduleError.tooManyPSKs(65536)) {
            try PSKSecret.compute(psks: psks, provider: provider)
        }
    }

    @Test func pskLabelEncodesIdentifierIndexAndCount() throws {
        let label = PSKLabel(id: PreSharedKeyID(kind: .external(id: [0xAB]), nonce: [0xCD]), index: 1, count: 2)
        #expect(label.tlsEncoded == [0x01, 0x01, 0xAB, 0x01, 0xCD, 0x00, 0x01, 0x00, 0x02])
        #expect(try PSKLabel(tlsEncoded: label.tlsEncoded) == label)
    }
}
