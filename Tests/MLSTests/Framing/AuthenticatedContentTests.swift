import MLS
import MLSTestSupport
import Testing

struct AuthenticatedContentTests {
    @Test func commitRoundTripsWithConfirmationTag() throws {
        let value = try AuthenticatedContent(
            wireFormat: .privateMessage, content: WireFixtures.content(body: .commit(WireFixtures.commit())),
            auth: FramedContentAuthData(signature: [1, 2], confirmationTag: [3, 4]))
        #expect(try AuthenticatedContent(tlsEncoded: value.tlsEncoded) == value)
    }

    @Test(arguments: [WireFormat.welcome, .groupInfo, .keyPackage, WireFormat(rawValue: 0)])
    func rejectsWireFormatsThatCarryNoFramedContent(format: WireFormat) {
        let content = WireFixtures.content(body: .application([1]))
        let auth = FramedContentAuthData(signature: [1], confirmationTag: nil)
        #expect(throws: CodecError.invalidValue(field: "WireFormat", value: UInt64(format.rawValue))) {
            try AuthenticatedContent(wireFormat: format, content: content, auth: auth)
        }
        let bytes = [UInt8(format.rawValue >> 8), UInt8(format.rawValue & 0xFF)] + content.tlsEncoded + [1, 1]
        #expect(throws: CodecError.invalidValue(field: "WireFormat", value: UInt64(format.rawValue))) {
            try AuthenticatedContent(tlsEncoded: bytes)
        }
    }

    @Test func decoderRejectsCommitWithoutConfirmationTag() {
        let content = WireFixtures.content(body: .commit(WireFixtures.commit()))
        #expect(throws: CodecError.truncated(needed: 1, available: 0)) {
            try AuthenticatedContent(tlsEncoded: [0, 1] + content.tlsEncoded + [1, 1])
        }
    }
}
