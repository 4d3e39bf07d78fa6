/// Computes `psk_secret`, the key schedule's PSK input (RFC 9420 §8.4).
///
/// ```text
/// psk_extracted_[i] = KDF.Extract(0, psk_[i])
/// psk_input_[i] = ExpandWithLabel(psk_extracted_[i], "derived psk", PSKLabel, KDF.Nh)
///
/// psk_secret_[0] = 0
/// psk_secret_[i] = KDF.Extract(psk_input_[i-1], psk_secret_[i-1])
/// psk_secret     = psk_secret_[n]
/// ```
///
/// `0` is the all-zero string of length `KDF.Nh`, so with no PSKs `psk_secret` is all zeros.
public enum PSKSecret {
    /// Folds the PSKs, in the order the Commit or GroupSecrets lists them, into `psk_secret`.
    /// - Parameters:
    ///   - psks: each PSK's identifier and its secret value.
    ///   - provider: the group's cipher suite.
    /// - Returns: `psk_secret`, `KDF.Nh` bytes.
    /// - Throws: `KeyScheduleError.tooManyPSKs` beyond 65535 PSKs; `.crypto` if the KDF fails.
    public static func compute(
        psks: [(id: PreSharedKeyID, psk: [UInt8])],
        provider: some CipherSuiteProvider
    ) throws(KeyScheduleError) -> [UInt8] {
        guard let count = UInt16(exactly: psks.count) else { throw .tooManyPSKs(psks.count) }
        let zero = [UInt8](repeating: 0, count: provider.hashLength)
        var secret = zero
        for (index, entry) in psks.enumerated() {
            let label = PSKLabel(id: entry.id, index: UInt16(index), count: count)
            let extracted = provider.kdfExtract(salt: zero, ikm: entry.psk)
            let input = try KeyScheduleError.wrapping { () throws(CryptoError) in
                try provider.expandWithLabel(
                    secret: extracted, label: "derived psk", context: label.tlsEncoded, length: provider.hashLength)
            }
            secret = provider.kdfExtract(salt: input, ikm: secret)
        }
        return secret
    }
}
