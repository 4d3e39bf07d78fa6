/// A suite whose HPKE sender side (RFC 9180 §4.1 `Encap`, §5.1, §6.1) is built here on the suite's Diffie-Hellman
/// function, so that its ephemeral keys come from the suite's ``RandomSource`` and many encryptions under one `info`
/// share one key-schedule context.
protocol DHKEMSuite: CipherSuiteProvider {
    /// HPKE base mode on the suite's KEM, KDF and AEAD.
    var hpke: HPKEBaseMode { get }

    /// The Diffie-Hellman half of `Encap`: a fresh ephemeral key pair, and its DH output with `publicKey`.
    /// - Parameter publicKey: The recipient's serialized public key.
    /// - Returns: `enc`, the serialized ephemeral public key, and the DH output.
    /// - Throws: `CryptoError.invalidKey` for a malformed public key.
    func ephemeralDiffieHellman(with publicKey: [UInt8]) throws(CryptoError) -> (enc: [UInt8], dh: [UInt8])
}

extension DHKEMSuite {
    /// RFC 9180 §4.1 `Encap`: `enc` and the shared secret with `publicKey`.
    func encap(_ publicKey: [UInt8]) throws(CryptoError) -> (enc: [UInt8], sharedSecret: [UInt8]) {
        let (enc, dh) = try ephemeralDiffieHellman(with: publicKey)
        return (enc, try hpke.sharedSecret(dh: dh, enc: enc, recipientPublicKey: publicKey))
    }

    /// RFC 9180 §6.1 single-shot `SealBase`.
    func hpkeSeal(publicKey: [UInt8], info: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError)
        -> HPKECiphertext
    {
        try hpkeSeal(publicKeys: [publicKey], info: info, aad: aad, plaintexts: [plaintext])[0]
    }

    /// `SealBase` to many recipients under one `info`, whose key-schedule context is computed once.
    func hpkeSeal(publicKeys: [[UInt8]], info: [UInt8], aad: [UInt8], plaintexts: [[UInt8]]) throws(CryptoError)
        -> [HPKECiphertext]
    {
        let hpke = hpke
        let context = hpke.scheduleContext(info: info)
        var result: [HPKECiphertext] = []
        result.reserveCapacity(publicKeys.count)
        for (publicKey, plaintext) in zip(publicKeys, plaintexts) {
            let (enc, sharedSecret) = try encap(publicKey)
            let ciphertext = try hpke.seal(
                sharedSecret: sharedSecret, scheduleContext: context, aad: aad, plaintext: plaintext)
            result.append(HPKECiphertext(kemOutput: enc, ciphertext: ciphertext))
        }
        return result
    }

    /// RFC 9180 §5.3 `SetupBaseS` then `Export`.
    func hpkeExportSender(publicKey: [UInt8], info: [UInt8], exporterContext: [UInt8], length: Int)
        throws(CryptoError) -> (kemOutput: [UInt8], secret: [UInt8])
    {
        let (enc, sharedSecret) = try encap(publicKey)
        let schedule = try hpke.keySchedule(
            sharedSecret: sharedSecret, scheduleContext: hpke.scheduleContext(info: info))
        let secret = try hpke.export(
            exporterSecret: schedule.exporterSecret, exporterContext: exporterContext, length: length)
        return (enc, secret)
    }
}
