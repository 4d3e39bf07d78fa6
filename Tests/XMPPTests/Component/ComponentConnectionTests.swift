import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import Testing

@testable import XMPP

/// The whole connection against a scripted XEP-0114 server on loopback.
struct ComponentConnectionTests {
    /// What the fake server saw and how it answers handshakes.
    final class ServerState: Sendable {
        let received = Mutex<String>("")
        let connections = Mutex(0)
        let acceptHandshake = Mutex(false)
        /// The latest connection from the component, to push stanzas on.
        let channel = Mutex<(any Channel)?>(nil)
        /// Whether the latest handshake was accepted.
        let authenticated = Mutex(false)

        /// Waits until the component sent a stanza with this id, then returns all it sent.
        func received(upTo id: String) async throws -> String {
            try await ComponentConnectionTests.waitUntil { received.withLock { $0 }.contains("id=\"\(id)\"") }
            return received.withLock { $0 }
        }

        /// Sends text to the component on the latest connection.
        func push(_ text: String) {
            guard let channel = channel.withLock({ $0 }) else { return }
            channel.writeAndFlush(channel.allocator.buffer(string: text), promise: nil)
        }
    }

    /// Answers stream headers and handshakes; refuses with `conflict` until told to accept.
    final class FakeServerHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let state: ServerState
        var buffer = ""

        init(state: ServerState) { self.state = state }

        func channelActive(context: ChannelHandlerContext) {
            state.connections.withLock { $0 += 1 }
            state.channel.withLock { $0 = context.channel }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = String(buffer: unwrapInboundIn(data))
            buffer += text
            state.received.withLock { $0 += text }
            if buffer.contains("<stream:stream"), !buffer.contains("<handshake>") {
                if !buffer.contains("id='s1'-sent") {
                    buffer += "id='s1'-sent"
                    send(
                        "<stream:stream xmlns='jabber:component:accept' "
                            + "xmlns:stream='http://etherx.jabber.org/streams' from='mls.localhost' id='s1'>",
                        context: context
                    )
                }
            }
            if buffer.contains("</handshake>"), !buffer.contains("handshake-answered") {
                buffer += "handshake-answered"
                if state.acceptHandshake.withLock({ $0 }) {
                    send("<handshake/>", context: context)
                    state.authenticated.withLock { $0 = true }
                } else {
                    send(
                        "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                            + "</stream:stream>",
                        context: context
                    )
                    context.close(promise: nil)
                }
            }
            if text.contains("</stream:stream>") {
                send("</stream:stream>", context: context)
                context.close(promise: nil)
            }
        }

        private func send(_ text: String, context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
        }
    }

    private static func startServer(_ state: ServerState) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FakeServerHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<200 where !condition() {
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    @Test func queuesWhileRefusedFlushesOnAuthenticationAndClosesCleanlyOnShutdown() async throws {
        let state = ServerState()
        let server = try await Self.startServer(state)
        let port = try #require(server.localAddress?.port)
        let limits = ComponentLimits(
            outboundQueueCapacity: 2,
            reconnectInitialDelay: .milliseconds(20),
            reconnectMaximumDelay: .milliseconds(50)
        )
        let configuration = ComponentConfiguration(
            domain: try JID("mls.localhost"),
            secret: "s3cret",
            host: "127.0.0.1",
            port: port,
            limits: limits
        )
        let undelivered = Mutex<[UndeliverableStanza]>([])
        let authentications = Mutex<[Int]>([])
        let connection = ComponentConnection(
            configuration: configuration,
            names: .fixture,
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            authenticated: { count in authentications.withLock { $0.append(count) } }
        ) { record in
            undelivered.withLock { $0.append(record) }
        }
        let router = StanzaRouter(
            domain: configuration.domain,
            software: .mlsgate,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        // The connection first, as mlsgate runs it: the group stops services in reverse order.
        let group = ServiceGroup(
            services: [connection, StanzaDispatcher(connection: connection, router: router)],
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        async let running: Void = group.run()

        try await Self.waitUntil { state.connections.withLock { $0 } >= 2 }
        #expect(state.connections.withLock { $0 } >= 2, "reconnects after conflict")

        for id in ["a", "b", "c"] {
            connection.send(Message(type: .chat, id: id, to: try JID("alice@localhost")).element)
        }
        try await Self.waitUntil { !undelivered.withLock { $0 }.isEmpty }
        let refused = undelivered.withLock { $0 }
        #expect(refused.count == 1)
        #expect(refused.first?.original.attribute("id") == "c")
        #expect(refused.first?.error.condition == .resourceConstraint)
        #expect(refused.first?.reply?.attribute("to") == "mls.localhost")

        state.acceptHandshake.withLock { $0 = true }
        try await Self.waitUntil { state.received.withLock { $0 }.contains("id=\"b\"") }
        let received = state.received.withLock { $0 }
        #expect(received.contains("<message to=\"alice@localhost\" id=\"a\" type=\"chat\" from=\"mls.localhost\"/>"))
        #expect(received.contains("id=\"b\""))
        #expect(!received.contains("id=\"c\""))
        try await Self.waitUntil { !authentications.withLock { $0 }.isEmpty }
        #expect(authentications.withLock { $0 } == [1], "told once, after the refused attempts")

        await group.triggerGracefulShutdown()
        try await running
        #expect(state.received.withLock { $0 }.hasSuffix("</stream:stream>"))
        try await server.close()
    }

    private static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A connection to a fake server that accepts the handshake, and the server's state.
    private static func acceptedConnection(
        limits: ComponentLimits = ComponentLimits()
    ) async throws -> (ComponentConnection, ServerState, any Channel) {
        let state = ServerState()
        state.acceptHandshake.withLock { $0 = true }
        let server = try await Self.startServer(state)
        let connection = ComponentConnection(
            configuration: ComponentConfiguration(
                domain: try JID("mls.localhost"),
                secret: "s3cret",
                host: "127.0.0.1",
                port: try #require(server.localAddress?.port),
                limits: limits
            ),
            names: .fixture,
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: quiet
        ) { _ in }
        return (connection, state, server)
    }

    /// Runs an authenticated connection with no dispatcher around `body`, then shuts it down and checks that the
    /// stream was closed cleanly, which only happens when it stayed up.
    private static func withAuthenticatedConnection(
        limits: ComponentLimits = ComponentLimits(),
        _ body: (ComponentConnection, ServerState) async throws -> Void
    ) async throws {
        let (connection, state, server) = try await acceptedConnection(limits: limits)
        let group = ServiceGroup(services: [connection], logger: quiet)
        async let running: Void = group.run()
        try await waitUntil { state.authenticated.withLock { $0 } }
        try await body(connection, state)
        #expect(!state.received.withLock { $0 }.contains("</stream:stream>"))
        await group.triggerGracefulShutdown()
        try await running
        #expect(state.received.withLock { $0 }.hasSuffix("</stream:stream>"))
        #expect(state.connections.withLock { $0 } == 1)
        try await server.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func aStanzaInFlightAtShutdownIsAnsweredBeforeTheStreamCloses() async throws {
        let (connection, state, server) = try await Self.acceptedConnection()
        let (entered, enter) = AsyncStream.makeStream(of: Void.self)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        var router = StanzaRouter(domain: connection.configuration.domain, software: .mlsgate, logger: Self.quiet)
        router.onIQ(namespace: "urn:example:slow", type: .set) { _ in
            enter.yield()
            for await _ in released { break }
            return XMLElement(name: "done", namespace: "urn:example:slow")
        }
        let group = ServiceGroup(
            services: [connection, StanzaDispatcher(connection: connection, router: router)], logger: Self.quiet)
        async let running: Void = group.run()

        try await Self.waitUntil { state.authenticated.withLock { $0 } }
        state.push(
            "<iq type='set' id='slow' from='alice@localhost/a' to='mls.localhost'><work xmlns='urn:example:slow'/></iq>"
        )
        for await _ in entered { break }
        await group.triggerGracefulShutdown()
        // While the handler works, the stream stays open.
        try await Task.sleep(for: .milliseconds(300))
        #expect(!state.received.withLock { $0 }.contains("</stream:stream>"))

        release.yield()
        try await running
        let received = state.received.withLock { $0 }
        let reply = try #require(received.range(of: "id=\"slow\""))
        let close = try #require(received.range(of: "</stream:stream>"))
        #expect(reply.upperBound <= close.lowerBound)
        #expect(received.contains("<done xmlns=\"urn:example:slow\"/>"))
        try await server.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func stanzasArrivingAfterDeliveryStopsAreRefusedWhileTheStreamStaysOpen() async throws {
        try await Self.withAuthenticatedConnection { connection, state in
            connection.stopDelivering()
            for await _ in connection.incoming {}
            // In stream order: a result and an unavailable presence, which get no answer, then a get and a message.
            state.push(
                "<iq type='result' id='late-result' from='alice@localhost/a' to='mls.localhost'/>"
                    + "<presence type='unavailable' id='late-presence' from='alice@localhost/a' to='room@mls.localhost/a'/>"
                    + "<iq type='get' id='late-get' from='alice@localhost/a' to='mls.localhost'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"
                    + "<message type='chat' id='late-message' from='alice@localhost/a' to='mls.localhost'><body>hi</body>"
                    + "</message>"
            )
            let received = try await state.received(upTo: "late-message")
            #expect(received.contains("id=\"late-get\""))
            #expect(received.contains("id=\"late-message\""))
            #expect(received.components(separatedBy: "<service-unavailable").count == 3)
            #expect(received.contains("the gateway is shutting down"))
            #expect(!received.contains("late-result"))
            #expect(!received.contains("late-presence"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func stanzasOverTheLimitsAreAnsweredAloneAndTheStreamStays() async throws {
        try await Self.withAuthenticatedConnection { connection, state in
            let deep = String(repeating: "<a>", count: 70) + String(repeating: "</a>", count: 70)
            let attributes = (0..<70).map { " a\($0)='v'" }.joined()
            let body = String(repeating: "x", count: 513 * 1024)
            state.push(
                "<message type='groupchat' id='deep' from='mallory@localhost/m' to='room@mls.localhost'>\(deep)</message>"
                    + "<iq type='set' id='wide' from='mallory@localhost/m' to='mls.localhost'><q\(attributes)/></iq>"
                    + "<iq type='set' id='large' from='mallory@localhost/m' to='mls.localhost'><b>\(body)</b></iq>"
                    + "<message type='error' id='deep-error' from='mallory@localhost/m' to='mls.localhost'>\(deep)</message>"
                    + "<message type='chat' id='fine' from='alice@localhost/a' to='mls.localhost'><body>hi</body></message>"
            )
            var delivered: [XMLElement] = []
            for await element in connection.incoming {
                delivered.append(element)
                break
            }
            #expect(delivered.map { $0.attribute("id") } == ["fine"])
            let received = try await state.received(upTo: "large")
            for id in ["deep", "wide", "large"] {
                #expect(received.contains("to=\"mallory@localhost/m\" id=\"\(id)\" type=\"error\""), "\(id)")
            }
            #expect(received.components(separatedBy: "<policy-violation").count == 4)
            #expect(received.contains("deeper than the gateway's limit of 64 levels"))
            #expect(received.contains("more than the gateway's limit of 64 attributes"))
            #expect(received.contains("larger than the gateway's limit of 524288 bytes"))
            #expect(!received.contains("deep-error\" type=\"error\""))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aSenderWithTooManyStanzasWaitingIsAnsweredWithResourceConstraint() async throws {
        try await Self.withAuthenticatedConnection(limits: ComponentLimits(maxPendingPerSender: 2, maxPendingStanzas: 3)) {
            connection, state in
            // Nobody takes stanzas yet: mallory's third waits past her limit, and alice's second past the total.
            let iq = { (id: String, from: String) in
                "<iq type='get' id='\(id)' from='\(from)' to='mls.localhost'><q xmlns='urn:example:q'/></iq>"
            }
            state.push(
                iq("m1", "mallory@localhost/a") + iq("m2", "mallory@localhost/b") + iq("m3", "mallory@localhost/a")
                    + iq("a1", "alice@localhost/a") + iq("a2", "alice@localhost/a")
            )
            let received = try await state.received(upTo: "a2")
            #expect(received.contains("to=\"mallory@localhost/a\" id=\"m3\" type=\"error\""))
            #expect(received.contains("to=\"alice@localhost/a\" id=\"a2\" type=\"error\""))
            #expect(received.components(separatedBy: "<resource-constraint").count == 3)
            #expect(received.contains("at most 2 per sender and 3 in all"))

            var taken: [String?] = []
            for await element in connection.incoming {
                taken.append(element.attribute("id"))
                if taken.count == 3 { break }
            }
            #expect(taken == ["m1", "m2", "a1"])
            // Taken stanzas no longer count: mallory may send again.
            state.push(iq("m4", "mallory@localhost/a"))
            for await element in connection.incoming {
                #expect(element.attribute("id") == "m4")
                break
            }
        }
    }

    @Test func wrongSecretEndsRunWithTheConfigurationError() async throws {
        // A server that answers every handshake with not-authorized.
        final class Refuser: ChannelInboundHandler {
            typealias InboundIn = ByteBuffer
            typealias OutboundOut = ByteBuffer
            func channelRead(context: ChannelHandlerContext, data: NIOAny) {
                let text = String(buffer: unwrapInboundIn(data))
                var reply = ""
                if text.contains("<stream:stream") {
                    reply +=
                        "<stream:stream xmlns='jabber:component:accept' "
                        + "xmlns:stream='http://etherx.jabber.org/streams' id='x'>"
                }
                if text.contains("<handshake>") {
                    reply +=
                        "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "</stream:error></stream:stream>"
                }
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: reply)), promise: nil)
            }
        }
        let refuser = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Refuser()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(refuser.localAddress?.port)
        let connection = ComponentConnection(
            configuration: ComponentConfiguration(
                domain: try JID("mls.localhost"),
                secret: "wrong",
                host: "127.0.0.1",
                port: port
            ),
            names: .fixture,
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        ) { _ in }
        await #expect(throws: ComponentError(.notAuthorized, "")) {
            try await connection.run()
        }
        try await refuser.close()
    }
}
