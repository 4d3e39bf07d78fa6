@testable import MLS
import Testing

struct PrivateMessageContentTests {
    let content = PrivateMessageContent(
        body: .application([1, 2, 3]), auth: FramedContentAuthData(signature: [9, 9], confirmationTag: nil))

    @Test func zeroPaddingIsStripped() throws {
        let decoded = try PrivateMessageContent(decoding: content.encoded(paddingLength: 10), contentType: .application)
        #expect(decoded.body == content.body && decoded.auth == content.auth)
    }

    @Test func nonZeroPaddingIsRejected() {
        var plaintext = content.encoded(paddingLength: 4)
        plaintext[plaintext.count - 2] = 1
        #expect(throws: FramingError.nonZeroPadding) {
            try PrivateMessageContent(decoding: plaintext, contentType: .application)
        }
    }

    @Test func commitContentWithoutConfirmationTagIsMalformed() {
        // An application body decoded as a commit runs out of bytes or mis-parses: never a crash.
        #expect(throws: FramingError.self) {
            try PrivateMessageContent(decoding: content.encoded(paddingLength: 0), contentType: .commit)
        }
    }
}
