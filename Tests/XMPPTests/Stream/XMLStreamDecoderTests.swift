import NIOCore
import NIOEmbedded
import Testing

@testable import XMPP

/// The decoder on an `EmbeddedChannel`: same events whatever the split, errors fired after earlier events.
struct XMLStreamDecoderTests {
    /// Collects what reaches the end of the pipeline.
    private final class Recorder: ChannelInboundHandler {
        typealias InboundIn = XMLStreamEvent
        var events: [XMLStreamEvent] = []
        var errors: [any Error] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            events.append(unwrapInboundIn(data))
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            errors.append(error)
        }
    }

    private static func run(_ chunks: [[UInt8]]) throws -> (events: [XMLStreamEvent], errors: [XMLStreamError]) {
        let recorder = Recorder()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([XMLStreamDecoder(), recorder])
        for chunk in chunks {
            try channel.writeInbound(channel.allocator.buffer(bytes: chunk))
        }
        _ = try channel.finish()
        return (recorder.events, recorder.errors.compactMap { $0 as? XMLStreamError })
    }

    @Test func sampleSplitAtEveryOffsetGivesTheSameEvents() throws {
        let bytes = Array(StreamFixtures.sample.utf8)
        let reference = try Self.run([bytes])
        #expect(reference.events.count == 6)
        #expect(reference.errors.isEmpty)
        for offset in 0...bytes.count {
            let split = try Self.run([Array(bytes[..<offset]), Array(bytes[offset...])])
            #expect(split.events == reference.events, "split at \(offset)")
            #expect(split.errors.isEmpty, "split at \(offset)")
        }
    }

    @Test func byteByByteInputGivesTheSameEvents() throws {
        let bytes = Array(StreamFixtures.sample.utf8)
        let reference = try Self.run([bytes])
        #expect(try Self.run(bytes.map { [$0] }).events == reference.events)
    }

    @Test func violationFiresEarlierEventsThenTheErrorOnce() throws {
        let bytes = Array((StreamFixtures.header + "<presence/><message><!-- no --></message><presence/>").utf8)
        for offset in 0...bytes.count {
            let result = try Self.run([Array(bytes[..<offset]), Array(bytes[offset...]), Array("<presence/>".utf8)])
            #expect(result.events.count == 2, "split at \(offset)")
            #expect(result.errors == [.restrictedXML(.comment)], "split at \(offset)")
            #expect(result.errors.first?.condition == .restrictedXML)
        }
    }
}
