/// The transcript hashes and confirmation tag of RFC 9420 §8.2 and §6.1.
///
/// ```text
/// confirmed_transcript_hash_[0] = "";
/// interim_transcript_hash_[0] = "";
///
/// confirmed_transcript_hash_[epoch] =
///     Hash(interim_transcript_hash_[epoch - 1] || ConfirmedTranscriptHashInput_[epoch]);
/// interim_transcript_hash_[epoch] =
///     Hash(confirmed_transcript_hash_[epoch] || InterimTranscriptHashInput_[epoch]);
///
/// confirmation_tag = MAC(confirmation_key, GroupContext.confirmed_transcript_hash)
/// ```
public enum TranscriptHash {
    /// The confirmed transcript hash after a commit.
    ///
    /// - Parameters:
    ///   - interimBefore: The interim transcript hash of the previous epoch (empty for epoch 0).
    ///   - input: The commit's `ConfirmedTranscriptHashInput`.
    public static func confirmed(
        interimBefore: [UInt8], input: ConfirmedTranscriptHashInput, provider: any CipherSuiteProvider
    ) -> [UInt8] {
        provider.hash(interimBefore + input.tlsEncoded)
    }

    /// The interim transcript hash of an epoch.
    ///
    /// - Parameters:
    ///   - confirmed: The epoch's confirmed transcript hash.
    ///   - input: The commit's `InterimTranscriptHashInput`, or that made from a GroupInfo's confirmation tag.
    public static func interim(
        confirmed: [UInt8], input: InterimTranscriptHashInput, provider: any CipherSuiteProvider
    ) -> [UInt8] {
        provider.hash(confirmed + input.tlsEncoded)
    }

    /// Both transcript hashes after a commit.
    ///
    /// - Parameters:
    ///   - interimBefore: The interim transcript hash of the previous epoch.
    ///   - commit: The AuthenticatedContent that carried the commit.
    /// - Returns: The new confirmed and interim transcript hashes.
    /// - Throws: `CodecError.invalidValue` when the content is not a commit.
    public static func update(
        interimBefore: [UInt8], with commit: AuthenticatedContent, provider: any CipherSuiteProvider
    ) throws(CodecError) -> (confirmed: [UInt8], interim: [UInt8]) {
        let confirmedHash = confirmed(
            interimBefore: interimBefore, input: try ConfirmedTranscriptHashInput(commit), provider: provider)
        let interimHash = interim(
            confirmed: confirmedHash, input: try InterimTranscriptHashInput(commit), provider: provider)
        return (confirmedHash, interimHash)
    }

    /// `MAC(confirmation_key, confirmed_transcript_hash)` (§6.1).
    public static func confirmationTag(
        confirmationKey: [UInt8], confirmedTranscriptHash: [UInt8], provider: any CipherSuiteProvider
    ) -> [UInt8] {
        provider.mac(key: confirmationKey, data: confirmedTranscriptHash)
    }

    /// Whether a confirmation tag is the MAC of the confirmed transcript hash; compares in constant time.
    public static func verifyConfirmationTag(
        _ tag: [UInt8], confirmationKey: [UInt8], confirmedTranscriptHash: [UInt8], provider: any CipherSuiteProvider
    ) -> Bool {
        let expected = confirmationTag(
            confirmationKey: confirmationKey, confirmedTranscriptHash: confirmedTranscriptHash, provider: provider)
        guard expected.count == tag.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, tag) { difference |= a ^ b }
        return difference == 0
    }
}
