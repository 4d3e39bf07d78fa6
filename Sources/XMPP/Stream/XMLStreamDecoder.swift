import NIOCore

/// A channel handler that turns the bytes of an XMPP stream into ``XMLStreamEvent`` values.
///
/// ```text
/// ByteBuffer ─▶ XMLStreamDecoder ─▶ XMLStreamEvent (streamOpened, element, streamClosed)
///                     │
///               XMLStreamError ─▶ errorCaught
/// ```
///
/// Reads may be split at any byte. Events completed before a violation are passed on first, then the
/// ``XMLStreamError`` is fired through `errorCaught` and every later read is discarded: the parser is spent and the
/// handler after this one is expected to send the matching stream error and close the connection. One decoder
/// serves one connection; a reconnect builds a new pipeline.
public final class XMLStreamDecoder: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = XMLStreamEvent

    private let parser: XMLStreamParser
    private var failed = false
    private var events: [XMLStreamEvent] = []

    /// Makes a decoder for one stream.
    /// - Parameter limits: The limits the parser enforces.
    public init(limits: XMLStreamLimits = XMLStreamLimits()) {
        self.parser = XMLStreamParser(limits: limits)
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        let buffer = unwrapInboundIn(data)
        var failure: XMLStreamError?
        buffer.withUnsafeReadableBytes { bytes in
            do throws(XMLStreamError) {
                try parser.parse(bytes, into: &events)
            } catch {
                failure = error
            }
        }
        let completed = events
        events.removeAll(keepingCapacity: true)
        for event in completed {
            context.fireChannelRead(wrapInboundOut(event))
        }
        if let failure {
            failed = true
            context.fireErrorCaught(failure)
        }
    }
}

@available(*, unavailable)
extension XMLStreamDecoder: Sendable {}
