import MLS

/// Runs `crypto-basics.json`: the labeled operations of RFC 9420 §5.1–§5.2 and §8 for one suite.
///
/// Verification, with the case's `cipher_suite`:
/// - `ref_hash`: `out == RefHash(label, value)`;
/// - `expand_with_label`: `out == ExpandWithLabel(secret, label, context, length)`;
/// - `derive_secret`: `out == DeriveSecret(secret, label)`;
/// - `derive_tree_secret`: `out == DeriveTreeSecret(secret, label, generation, length)`;
/// - `sign_with_label`: `VerifyWithLabel(pub, label, content, signature)` holds, and so does
///   `VerifyWithLabel(pub, label, content, SignWithLabel(priv, label, content))`;
/// - `encrypt_with_label`: `DecryptWithLabel(priv, label, context, kem_output, ciphertext) == plaintext`,
///   and the output of `EncryptWithLabel(pub, label, context, plaintext)` decrypts the same way to
///   `plaintext`.
///
/// A suite the provider does not implement fails the case; it is never skipped.
enum CryptoBasicsRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var ref_hash: RefHash
        var expand_with_label: ExpandWithLabel
        var derive_secret: DeriveSecret
        var derive_tree_secret: DeriveTreeSecret
        var sign_with_label: SignWithLabel
        var encrypt_with_label: EncryptWithLabel
    }

    struct RefHash: Decodable {
        var label: String
        var value: HexBytes
        var out: HexBytes
    }

    struct ExpandWithLabel: Decodable {
        var secret: HexBytes
        var label: String
        var context: HexBytes
        var length: UInt16
        var out: HexBytes
    }

    struct DeriveSecret: Decodable {
        var secret: HexBytes
        var label: String
        var out: HexBytes
    }

    struct DeriveTreeSecret: Decodable {
        var secret: HexBytes
        var label: String
        var generation: UInt32
        var length: UInt16
        var out: HexBytes
    }

    struct SignWithLabel: Decodable {
        var priv: HexBytes
        var pub: HexBytes
        var content: HexBytes
        var label: String
        var signature: HexBytes
    }

    struct EncryptWithLabel: Decodable {
        var priv: HexBytes
        var pub: HexBytes
        var label: String
        var context: HexBytes
        var plaintext: HexBytes
        var kem_output: HexBytes
        var ciphertext: HexBytes
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let cs = try crypto.provider(for: CipherSuite(rawValue: c.cipher_suite))

        let r = c.ref_hash
        try expectEqual(cs.refHash(label: r.label, value: r.value.bytes), r.out.bytes, "ref_hash.out")

        let e = c.expand_with_label
        let expanded = try cs.expandWithLabel(
            secret: e.secret.bytes, label: e.label, context: e.context.bytes, length: Int(e.length))
        try expectEqual(expanded, e.out.bytes, "expand_with_label.out")

        let d = c.derive_secret
        try expectEqual(try cs.deriveSecret(secret: d.secret.bytes, label: d.label), d.out.bytes, "derive_secret.out")

        let t = c.derive_tree_secret
        let treeSecret = try cs.deriveTreeSecret(
            secret: t.secret.bytes, label: t.label, generation: t.generation, length: Int(t.length))
        try expectEqual(treeSecret, t.out.bytes, "derive_tree_secret.out")

        let s = c.sign_with_label
        try expectTrue(
            cs.verifyWithLabel(publicKey: s.pub.bytes, label: s.label, content: s.content.bytes,
                               signature: s.signature.bytes),
            "sign_with_label.signature", "VerifyWithLabel rejects the vector's signature")
        let ownSignature = try cs.signWithLabel(privateKey: s.priv.bytes, label: s.label, content: s.content.bytes)
        try expectTrue(
            cs.verifyWithLabel(publicKey: s.pub.bytes, label: s.label, content: s.content.bytes,
                               signature: ownSignature),
            "sign_with_label.priv", "VerifyWithLabel rejects SignWithLabel's signature")

        let h = c.encrypt_with_label
        let given = HPKECiphertext(kemOutput: h.kem_output.bytes, ciphertext: h.ciphertext.bytes)
        let decrypted = try cs.decryptWithLabel(
            privateKey: h.priv.bytes, label: h.label, context: h.context.bytes, ciphertext: given)
        try expectEqual(decrypted, h.plaintext.bytes, "encrypt_with_label.plaintext")
        let fresh = try cs.encryptWithLabel(
            publicKey: h.pub.bytes, label: h.label, context: h.context.bytes, plaintext: h.plaintext.bytes)
        let roundTrip = try cs.decryptWithLabel(
            privateKey: h.priv.bytes, label: h.label, context: h.context.bytes, ciphertext: fresh)
        try expectEqual(roundTrip, h.plaintext.bytes, "encrypt_with_label (EncryptWithLabel round trip)")
        return .passed
    }
}
