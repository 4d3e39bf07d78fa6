/// HPKE base mode with a Diffie-Hellman KEM (RFC 9180 §4.1, §5.1, §6.1), single shot, built
/// from the suite's DH, KDF and AEAD.
///
/// It exists so that many encryptions under one `info` share one key-schedule context: a
/// Welcome encrypts each new member's GroupSecrets with the whole encrypted GroupInfo as
/// `info` (RFC 9420 §12.4.3.1), which would otherwise be hashed once per member.
struct HPKEBaseMode: Sendable {
    let kemID: UInt16
    let kemHash: HashAlgorithm
    /// `Nsecret` of the KEM.
    let kemSecretLength: Int
    let kdfHash: HashAlgorithm
    let aead: AEADAlgorithm

    /// RFC 9180 §7.2 KDF identifier.
    private var kdfID: UInt16 {
        switch kdfHash {
        case .sha256: 0x0001
        case .sha384: 0x0002
        case .sha512: 0x0003
        }
    }

    private var kemKDF: HPKELabeledKDF { HPKELabeledKDF(hash: kemHash, suiteID: HPKELabeledKDF.kemSuiteID(kemID)) }

    private var scheduleKDF: HPKELabeledKDF {
        var suiteID = Array("HPKE".utf8)
        for id in [kemID, kdfID, aead.hpkeID] { suiteID += [UInt8(id >> 8), UInt8(id & 0xFF)] }
        return HPKELabeledKDF(hash: kdfHash, suiteID: suiteID)
    }

    /// §4.1 `ExtractAndExpand(dh, kem_context)` with `kem_context = enc || pkR`.
    func sharedSecret(dh: [UInt8], enc: [UInt8], recipientPublicKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        let kdf = kemKDF
        let prk = kdf.labeledExtract(salt: [], label: "eae_prk", ikm: dh)
        return try kdf.labeledExpand(
            prk: prk, label: "shared_secret", info: enc + recipientPublicKey, length: kemSecretLength)
    }

    /// §5.1 `key_schedule_context = mode || psk_id_hash || info_hash` for mode_base; depends
    /// only on `info`, so it can serve many encryptions.
    func scheduleContext(info: [UInt8]) -> [UInt8] {
        let kdf = scheduleKDF
        let pskIDHash = kdf.labeledExtract(salt: [], label: "psk_id_hash", ikm: [])
        let infoHash = kdf.labeledExtract(salt: [], label: "info_hash", ikm: info)
        return [0x00] + pskIDHash + infoHash
    }

    /// §5.1: the AEAD key, base nonce and exporter secret of one context.
    func keySchedule(sharedSecret: [UInt8], scheduleContext: [UInt8]) throws(CryptoError)
        -> (key: [UInt8], nonce: [UInt8], exporterSecret: [UInt8])
    {
        let kdf = scheduleKDF
        let secret = kdf.labeledExtract(salt: sharedSecret, label: "secret", ikm: [])
        let key = try kdf.labeledExpand(prk: secret, label: "key", info: scheduleContext, length: aead.keyLength)
        let nonce = try kdf.labeledExpand(
            prk: secret, label: "base_nonce", info: scheduleContext, length: aead.nonceLength)
        let exporterSecret = try kdf.labeledExpand(
            prk: secret, label: "exp", info: scheduleContext, length: kdfHash.outputLength)
        return (key, nonce, exporterSecret)
    }

    /// §5.3 `Export(exporter_context, L)`.
    func export(exporterSecret: [UInt8], exporterContext: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        try scheduleKDF.labeledExpand(prk: exporterSecret, label: "sec", info: exporterContext, length: length)
    }

    /// §6.1 single-shot seal once the shared secret is known: one AEAD seal at sequence 0.
    func seal(sharedSecret: [UInt8], scheduleContext: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError)
        -> [UInt8]
    {
        let (key, nonce, _) = try keySchedule(sharedSecret: sharedSecret, scheduleContext: scheduleContext)
        return try aead.seal(key: key, nonce: nonce, aad: aad, plaintext: plaintext)
    }

    /// §6.1 single-shot open once the shared secret is known.
    func open(sharedSecret: [UInt8], scheduleContext: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError)
        -> [UInt8]
    {
        let (key, nonce, _) = try keySchedule(sharedSecret: sharedSecret, scheduleContext: scheduleContext)
        return try aead.open(key: key, nonce: nonce, aad: aad, ciphertext: ciphertext)
    }
}
