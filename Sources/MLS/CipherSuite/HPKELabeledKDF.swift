/// The labeled KDF steps of HPKE (RFC 9180 §4), used for `DeriveKeyPair` (§7.1.3)
/// and, for KEMs swift-crypto lacks, the whole HPKE key schedule.
struct HPKELabeledKDF: Sendable {
    let hash: HashAlgorithm
    /// `"KEM" || I2OSP(kem_id, 2)` or `"HPKE" || kem_id || kdf_id || aead_id`.
    let suiteID: [UInt8]

    static let version = Array("HPKE-v1".utf8)

    /// Suite identifier for KEM-internal derivations.
    static func kemSuiteID(_ kemID: UInt16) -> [UInt8] {
        Array("KEM".utf8) + [UInt8(kemID >> 8), UInt8(kemID & 0xFF)]
    }

    func labeledExtract(salt: [UInt8], label: String, ikm: [UInt8]) -> [UInt8] {
        hash.extract(salt: salt, ikm: Self.version + suiteID + Array(label.utf8) + ikm)
    }

    func labeledExpand(prk: [UInt8], label: String, info: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        guard length <= 0xFFFF else { throw .invalidOutputLength(length) }
        let labeledInfo = [UInt8(length >> 8), UInt8(length & 0xFF)] + Self.version + suiteID + Array(label.utf8) + info
        return try hash.expand(prk: prk, info: labeledInfo, length: length)
    }
}
