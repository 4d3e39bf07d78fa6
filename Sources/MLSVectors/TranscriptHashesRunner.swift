import MLS

/// Runs `transcript-hashes.json` (RFC 9420 §8.2, §6.1).
///
/// Verification:
/// - `authenticated_content` decodes as an AuthenticatedContent (re-encoding to the same bytes)
///   whose content is a Commit;
/// - `authenticated_content.auth.confirmation_tag` is a valid MAC with key `confirmation_key` over
///   `confirmed_transcript_hash_after`;
/// - updating `interim_transcript_hash_before` with `authenticated_content` gives
///   `confirmed_transcript_hash_after` and `interim_transcript_hash_after`.
enum TranscriptHashesRunner: VectorRunner {
    struct Case: Decodable {
        var cipher_suite: UInt16
        var confirmation_key: HexBytes
        var authenticated_content: HexBytes
        var interim_transcript_hash_before: HexBytes
        var confirmed_transcript_hash_after: HexBytes
        var interim_transcript_hash_after: HexBytes
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        let provider = try crypto.provider(for: CipherSuite(rawValue: c.cipher_suite))
        let content: AuthenticatedContent
        do {
            content = try AuthenticatedContent(tlsEncoded: c.authenticated_content.bytes)
        } catch {
            throw VectorCheckFailed("authenticated_content", "does not decode: \(error)")
        }
        try expectEqual(content.tlsEncoded, c.authenticated_content.bytes, "authenticated_content re-encoded")
        try expectEqual(content.content.contentType, .commit, "authenticated_content.content.content_type")
        guard let tag = content.auth.confirmationTag else {
            throw VectorCheckFailed("authenticated_content.auth.confirmation_tag", "missing")
        }
        try expectTrue(
            TranscriptHash.verifyConfirmationTag(
                tag, confirmationKey: c.confirmation_key.bytes,
                confirmedTranscriptHash: c.confirmed_transcript_hash_after.bytes, provider: provider),
            "authenticated_content.auth.confirmation_tag",
            "is not MAC(confirmation_key, confirmed_transcript_hash_after)")
        let (confirmed, interim) = try TranscriptHash.update(
            interimBefore: c.interim_transcript_hash_before.bytes, with: content, provider: provider)
        try expectEqual(confirmed, c.confirmed_transcript_hash_after.bytes, "confirmed_transcript_hash_after")
        try expectEqual(interim, c.interim_transcript_hash_after.bytes, "interim_transcript_hash_after")
        return .passed
    }
}
