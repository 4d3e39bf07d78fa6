import Testing

@testable import XMPP

struct UTF8ValidatorTests {
    private func firstInvalid(_ chunks: [[UInt8]]) -> Int? {
        var validator = UTF8Validator()
        var seen = 0
        for chunk in chunks {
            if let index = chunk.withUnsafeBytes({ validator.validate($0) }) { return seen + index }
            seen += chunk.count
        }
        return nil
    }

    @Test func validTextSplitAnywhereIsAccepted() {
        let bytes = Array("a\u{E9}\u{263A}\u{1F600}\u{10FFFF}\u{D7FF}\u{E000}".utf8)
        for offset in 0...bytes.count {
            #expect(firstInvalid([Array(bytes[..<offset]), Array(bytes[offset...])]) == nil)
        }
        #expect(firstInvalid(bytes.map { [$0] }) == nil)
    }

    @Test func sequenceCutAtChunkEndIsNotAtBoundary() {
        var validator = UTF8Validator()
        #expect([UInt8]([0x61, 0xF0, 0x9F]).withUnsafeBytes { validator.validate($0) } == nil)
        #expect(!validator.isAtBoundary)
        #expect([UInt8]([0x98, 0x80]).withUnsafeBytes { validator.validate($0) } == nil)
        #expect(validator.isAtBoundary)
    }

    @Test func invalidByteIsLocatedAcrossChunks() {
        #expect(firstInvalid([[0x61, 0xED], [0xA0, 0x80]]) == 2)
        #expect(firstInvalid([[0x61, 0x62], [0xC1, 0x80]]) == 2)
    }
}
