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

    private static func waitUntil(_ condition: () -> Bool) async throws {
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
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            authenticated: { count in authentications.withLock { $0.append(count) } }
        ) { record in
            undelivered.withLock { $0.append(record) }
        }
        let router = StanzaRouter(
            domain: configuration.domain,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        // The dispatcher first, as mlsgate runs it: the group stops services in reverse order.
        let group = ServiceGroup(
            services: [StanzaDispatcher(connection: connection, router: router), connection],
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
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        ) { _ in }
        await #expect(throws: ComponentError(.notAuthorized, "")) {
            try await connection.run()
        }
        try await refuser.close()
    }
}
