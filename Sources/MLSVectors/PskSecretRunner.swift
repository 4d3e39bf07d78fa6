import MLS

/// Runs `psk_secret.json` (RFC 9420 §8.4).
///
/// Verification:
/// - for each entry of `psks`, build a PreSharedKeyID of type `external` with its `psk_id`
///   and `psk_nonce`;
/// - compute `psk_secret` from those identifiers and the `psk` values, in order, and check
///   it equals `psk_secret` (all zeros of length `KDF.Nh` when `psks` is empty).
enum PskSecretRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var psks: [PSK]
        var psk_secret: HexBytes
    }

    struct PSK: Decodable {
        var psk_id: HexBytes
        var psk: HexBytes
        var psk_nonce: HexBytes
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let provider = try crypto.provider(for: CipherSuite(rawValue: c.cipher_suite))
        let psks = c.psks.map { entry in
            (id: PreSharedKeyID(kind: .external(id: entry.psk_id.bytes), nonce: entry.psk_nonce.bytes),
             psk: entry.psk.bytes)
        }
        let secret = try PSKSecret.compute(psks: psks, provider: provider)
        try expectEqual(secret, c.psk_secret.bytes, "psk_secret")
        return .passed
    }
}
