import MLS
import MLSTestSupport
import Testing

struct TranscriptHashTests {
    let provider: any CipherSuiteProvider

    init() throws {
        provider = try DefaultCryptoProvider().provider(for: .mls128DHKEMX25519AES128GCMSHA256Ed25519)
    }

    func commitContent() throws -> AuthenticatedContent {
        try AuthenticatedContent(
            wireFormat: .publicMessage, content: WireFixtures.content(body: .commit(WireFixtures.commit())),
            auth: FramedContentAuthData(signature: [0x51, 0x52], confirmationTag: [0xC1]))
    }

    @Test func updateHashesInterimBeforeThenConfirmedWithTheInputs() throws {
        let content = try commitContent()
        let (confirmed, interim) = try TranscriptHash.update(interimBefore: [0xEE], with: content, provider: provider)
        let confirmedInput = [0, 1] + content.content.tlsEncoded + [2, 0x51, 0x52]
        #expect(try ConfirmedTranscriptHashInput(content).tlsEncoded == confirmedInput)
        #expect(confirmed == provider.hash([0xEE] + confirmedInput))
        #expect(interim == provider.hash(confirmed + [1, 0xC1]))
    }

    @Test func updateRejectsNonCommitContent() throws {
        let content = try AuthenticatedContent(
            wireFormat: .publicMessage, content: WireFixtures.content(body: .application([1])),
            auth: FramedContentAuthData(signature: [1], confirmationTag: nil))
        #expect(throws: CodecError.invalidValue(field: "ContentType", value: 1)) {
            try TranscriptHash.update(interimBefore: [], with: content, provider: provider)
        }
    }

    @Test func confirmationTagVerifiesOnlyForTheMACOfTheConfirmedHash() {
        let key: [UInt8] = Array(repeating: 7, count: 32)
        let hash: [UInt8] = [1, 2, 3]
        let tag = TranscriptHash.confirmationTag(
            confirmationKey: key, confirmedTranscriptHash: hash, provider: provider)
        #expect(tag == provider.mac(key: key, data: hash))
        func verifies(_ tag: [UInt8], _ hash: [UInt8]) -> Bool {
            TranscriptHash.verifyConfirmationTag(
                tag, confirmationKey: key, confirmedTranscriptHash: hash, provider: provider)
        }
        #expect(verifies(tag, hash))
        var altered = tag
        altered[0] ^= 1
        #expect(!verifies(altered, hash))
        #expect(!verifies(Array(tag.dropLast()), hash))
        #expect(!verifies(tag, [1, 2]))
    }
}
