import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import XMPP

/// The component handler against a scripted server on an `EmbeddedChannel`.
struct ComponentStreamHandlerTests {
    final class RecordingDelegate: ComponentStreamDelegate {
        var authentications = 0
        var received: [XMLElement] = []
        var failures: [ComponentError] = []

        func componentStreamDidAuthenticate(_ handler: ComponentStreamHandler) { authentications += 1 }
        func componentStream(_ handler: ComponentStreamHandler, didReceive element: XMLElement) {
            received.append(element)
        }
        var refused: [RefusedStanza] = []
        func componentStream(_ handler: ComponentStreamHandler, didRefuse refused: RefusedStanza) {
            self.refused.append(refused)
        }
        func componentStream(_ handler: ComponentStreamHandler, didFail error: ComponentError) {
            failures.append(error)
        }
    }

    struct Harness {
        let channel: EmbeddedChannel
        let handler: ComponentStreamHandler
        let delegate: RecordingDelegate

        init(limits: ComponentLimits = ComponentLimits()) throws {
            let configuration = ComponentConfiguration(
                domain: try JID("mls.localhost"),
                secret: "s3cret",
                host: "127.0.0.1",
                port: 5347,
                limits: limits
            )
            delegate = RecordingDelegate()
            handler = ComponentStreamHandler(
                configuration: configuration,
                pingIDPrefix: ComponentNames.fixture.pingIDPrefix,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                delegate: delegate
            )
            channel = EmbeddedChannel()
            try channel.pipeline.syncOperations.addHandlers([XMLStreamDecoder(), handler])
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5347)).wait()
        }

        /// Everything the component wrote since the last call.
        func written() throws -> String {
            var text = ""
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
                text += String(buffer: buffer)
            }
            return text
        }

        func serverSends(_ text: String) throws {
            try channel.writeInbound(channel.allocator.buffer(string: text))
        }

        func serverSends(_ chunks: [[UInt8]]) throws {
            for chunk in chunks {
                try channel.writeInbound(channel.allocator.buffer(bytes: chunk))
            }
        }

        func authenticate() throws {
            try serverSends(Self.serverHeader + "<handshake/>")
            _ = try written()
        }

        static let serverHeader =
            "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
            + "xmlns='jabber:component:accept' from='mls.localhost' id='abc'>"
    }

    private static let digest = ComponentStreamStateMachine.handshakeDigest(streamID: "abc", secret: "s3cret")

    @Test func opensTheComponentStreamAndSendsTheHandshake() throws {
        let harness = try Harness()
        let header = try harness.written()
        #expect(header.contains("<stream:stream"))
        #expect(header.contains("xmlns='jabber:component:accept'"))
        #expect(header.contains("to='mls.localhost'"))
        try harness.serverSends(Harness.serverHeader)
        #expect(try harness.written() == "<handshake>\(Self.digest)</handshake>")
        try harness.serverSends("<handshake/>")
        #expect(harness.delegate.authentications == 1)
        #expect(harness.handler.isAuthenticated)
    }

    @Test func serverScriptSplitAtEveryOffsetAuthenticatesAndDelivers() throws {
        let script = Array(
            (Harness.serverHeader + "<handshake/><message from='alice@localhost/x' to='mls.localhost' id='m'>"
                + "<body>hi</body></message>").utf8
        )
        for offset in 0...script.count {
            let harness = try Harness()
            try harness.serverSends([Array(script[..<offset]), Array(script[offset...])])
            #expect(harness.delegate.authentications == 1, "split at \(offset)")
            #expect(harness.delegate.received.count == 1, "split at \(offset)")
            #expect(harness.delegate.received.first?.attribute("id") == "m")
            #expect(harness.delegate.failures.isEmpty)
        }
    }

    @Test func sendWritesOnlyWhenAuthenticated() throws {
        let harness = try Harness()
        _ = try harness.written()
        let message = Message(type: .chat, id: "o1", from: try JID("mls.localhost"), to: try JID("alice@localhost"))
        #expect(!harness.handler.send(message.element))
        try harness.authenticate()
        #expect(harness.handler.send(message.element))
        #expect(
            try harness.written() == "<message from=\"mls.localhost\" to=\"alice@localhost\" id=\"o1\" type=\"chat\"/>"
        )
    }

    @Test(arguments: [
        (StreamErrorCondition.notAuthorized, "[component] secret"),
        (.conflict, "[component] domain"),
        (.hostUnknown, "[component] domain"),
    ])
    func streamErrorsDuringHandshakeAreReportedWithTheSetting(condition: StreamErrorCondition, setting: String) throws {
        let harness = try Harness()
        try harness.serverSends(Harness.serverHeader)
        _ = try harness.written()
        try harness.serverSends(
            "<stream:error><\(condition.rawValue) xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
        )
        #expect(harness.delegate.failures.count == 1)
        #expect(harness.delegate.failures.first?.code.rawValue == condition.rawValue)
        #expect(harness.delegate.failures.first?.setting == setting)
        #expect(harness.handler.failure?.setting == setting)
        #expect(try harness.written() == "</stream:stream>")
        #expect(!harness.channel.isActive)
    }

    @Test func malformedXMLEndsTheStreamWithTheMatchingStreamError() throws {
        let harness = try Harness()
        try harness.authenticate()
        try harness.serverSends("<message><!-- comment --></message>")
        let output = try harness.written()
        #expect(output.hasPrefix("<stream:error><restricted-xml xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"))
        #expect(output.hasSuffix("</stream:error></stream:stream>"))
        #expect(harness.delegate.failures.first?.code == .malformedStream)
        #expect(!harness.channel.isActive)
    }

    @Test func overDeepStanzaIsReportedAloneAndTheStreamGoesOn() throws {
        let harness = try Harness()
        try harness.authenticate()
        try harness.serverSends(
            "<message id='deep' from='u@localhost/r'>" + String(repeating: "<a>", count: 80)
                + String(repeating: "</a>", count: 80) + "</message><message id='next'/>"
        )
        #expect(harness.delegate.refused.map(\.violation) == [.tooDeep(limit: 64)])
        #expect(harness.delegate.refused.first?.head.attribute("from") == "u@localhost/r")
        #expect(harness.delegate.received.map { $0.attribute("id") } == ["next"])
        #expect(harness.delegate.failures.isEmpty)
        #expect(harness.handler.isAuthenticated)
        #expect(harness.channel.isActive)
    }

    @Test func overDeepStanzaBeforeTheHandshakeIsAcceptedEndsTheStream() throws {
        let harness = try Harness()
        try harness.serverSends(
            Harness.serverHeader + "<handshake>" + String(repeating: "<a>", count: 80)
                + String(repeating: "</a>", count: 80) + "</handshake>"
        )
        #expect(harness.delegate.refused.isEmpty)
        #expect(harness.delegate.failures.map(\.code) == [.malformedStream])
        #expect(try harness.written().contains("<not-authorized"))
    }

    @Test func idleStreamGetsWhitespaceKeepalives() throws {
        let harness = try Harness(limits: ComponentLimits(keepaliveInterval: .seconds(30), pingInterval: .hours(1)))
        try harness.authenticate()
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        #expect(try harness.written() == " ")
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        #expect(try harness.written() == " ")
    }

    @Test func busyStreamSendsNoKeepalive() throws {
        let harness = try Harness(limits: ComponentLimits(keepaliveInterval: .seconds(30), pingInterval: .hours(1)))
        try harness.authenticate()
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        harness.handler.send(Message(id: "x").element)
        _ = try harness.written()
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(try harness.written() == "")
    }

    @Test func answeredPingKeepsTheLinkAndUnansweredPingTearsItDown() throws {
        let harness = try Harness(
            limits: ComponentLimits(keepaliveInterval: .hours(1), pingInterval: .seconds(60), pingTimeout: .seconds(10))
        )
        try harness.authenticate()
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        let ping = try harness.written()
        #expect(ping.contains("<ping xmlns=\"urn:xmpp:ping\"/>"))
        #expect(ping.contains("to=\"localhost\""))
        #expect(ping.contains("from=\"mls.localhost\""))
        let id = try #require(harness.handler.outstandingPingID)
        try harness.serverSends("<iq type='error' id='\(id)' from='localhost' to='mls.localhost'/>")
        #expect(harness.handler.outstandingPingID == nil)
        #expect(harness.delegate.received.isEmpty)
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        #expect(harness.channel.isActive)

        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(40))
        #expect(harness.handler.outstandingPingID != nil)
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(harness.delegate.failures.map(\.code) == [.pingTimeout])
        #expect(!harness.channel.isActive)
    }

    @Test func handshakeTimeoutClosesTheConnection() throws {
        let harness = try Harness(limits: ComponentLimits(handshakeTimeout: .seconds(5)))
        try harness.serverSends(Harness.serverHeader)
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(harness.delegate.failures.map(\.code) == [.handshakeTimeout])
        #expect(!harness.channel.isActive)
    }

    @Test func cleanCloseSendsStreamEndAndClosesOnTheServersAnswer() throws {
        let harness = try Harness()
        try harness.authenticate()
        harness.handler.close()
        #expect(try harness.written() == "</stream:stream>")
        #expect(harness.channel.isActive)
        try harness.serverSends("</stream:stream>")
        #expect(!harness.channel.isActive)
        #expect(harness.delegate.failures.isEmpty)
    }

    @Test func cleanCloseGivesUpWaitingAfterTheCloseTimeout() throws {
        let harness = try Harness(limits: ComponentLimits(closeTimeout: .seconds(3)))
        try harness.authenticate()
        harness.handler.close()
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        #expect(!harness.channel.isActive)
        #expect(harness.delegate.failures.isEmpty)
    }

    @Test func serverEOFAfterAuthenticationIsAConnectionLoss() throws {
        let harness = try Harness()
        try harness.authenticate()
        harness.channel.pipeline.fireChannelInactive()
        #expect(harness.delegate.failures.map(\.code) == [.connectionLost])
    }
}
