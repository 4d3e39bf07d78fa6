import Testing

@testable import XMPP

/// The parser's output must not depend on where the input is split.
struct XMLStreamParserSplitTests {
    private static let erroneousStreams: [String] = [
        StreamFixtures.header + "<presence/><message><body>x</body></mesage>",
        StreamFixtures.header + "<presence/><message><!-- c --></message>",
        StreamFixtures.header + "<presence/><message>&bomb;</message>",
        StreamFixtures.header + "<presence/><message><x:y/></message>",
        StreamFixtures.header + "<presence/> text",
    ]

    @Test func sampleSplitAtEveryOffsetParsesIdentically() {
        let bytes = Array(StreamFixtures.sample.utf8)
        let reference = StreamFixtures.parse([bytes])
        #expect(reference.error == nil)
        #expect(reference.events.count == 6)
        for offset in 0...bytes.count {
            let split = StreamFixtures.parse([Array(bytes[..<offset]), Array(bytes[offset...])])
            #expect(split == reference, "split at \(offset)")
        }
    }

    @Test func sampleFedByteByByteParsesIdentically() {
        let bytes = Array(StreamFixtures.sample.utf8)
        let reference = StreamFixtures.parse([bytes], finish: true)
        #expect(StreamFixtures.parse(bytes.map { [$0] }, finish: true) == reference)
    }

    @Test func sampleSplitAtEveryPairOfOffsetsInMessageParsesIdentically() {
        let bytes = Array(StreamFixtures.sample.utf8)
        let reference = StreamFixtures.parse([bytes])
        // The message stanza holds the multi-byte characters, entities, prefixes and CDATA.
        let start = StreamFixtures.header.utf8.count + 60
        let end = min(bytes.count, start + 260)
        for first in stride(from: start, to: end, by: 7) {
            for second in first..<end {
                let chunks = [Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])]
                #expect(StreamFixtures.parse(chunks) == reference, "split at \(first), \(second)")
            }
        }
    }

    @Test(arguments: erroneousStreams)
    func errorAndPrecedingEventsDoNotDependOnSplit(stream: String) {
        let bytes = Array(stream.utf8)
        let reference = StreamFixtures.parse([bytes])
        #expect(reference.error != nil)
        #expect(StreamFixtures.elements(reference.events).count == 1)
        for offset in 0...bytes.count {
            let split = StreamFixtures.parse([Array(bytes[..<offset]), Array(bytes[offset...])])
            #expect(split == reference, "split at \(offset)")
        }
        #expect(StreamFixtures.parse(bytes.map { [$0] }) == reference)
    }

    @Test func invalidUTF8IsFoundAtEverySplit() {
        let bytes = Array((StreamFixtures.header + "<presence/><message><body>caf").utf8) + [0xC3, 0x28]
            + Array("</body></message>".utf8)
        let reference = StreamFixtures.parse([bytes])
        #expect(reference.error == .invalidUTF8(byteOffset: bytes.count - 18))
        for offset in 0...bytes.count {
            #expect(StreamFixtures.parse([Array(bytes[..<offset]), Array(bytes[offset...])]) == reference)
        }
    }
}
