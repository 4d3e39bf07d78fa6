import Logging
import Metrics
import NIOCore
import NIOPosix
import ServiceLifecycle

/// A robust XEP-0114 component connection: connects, authenticates, reconnects with backoff and jitter, queues
/// outbound stanzas while disconnected, and closes the stream cleanly on graceful shutdown.
///
/// ```text
///            send(_:) ──▶ queue (bounded) ──▶ ComponentStreamHandler ──▶ TCP ──▶ XMPP server
/// incoming ◀── XMLStreamDecoder ◀──────────────────────────────────────────┘
/// ```
///
/// Run it as a `Service`: ``run()`` returns after a graceful shutdown or cancellation, once the stream is closed,
/// and throws a
/// ``ComponentError`` for a configuration error the server reported (`not-authorized` for a wrong secret,
/// `host-unknown` for a domain the server does not serve): retrying cannot fix those, so the process should stop
/// and say so. Every other failure (refused connect, `conflict`, a dead link, a server restart) is logged and
/// followed by a reconnect after ``ReconnectBackoff``'s delay.
///
/// On graceful shutdown the stream is closed with `</stream:stream>`. To let the stanzas being handled finish first,
/// run the connection's consumer as a service listed after it (a `ServiceGroup` stops services in reverse order):
/// ``StanzaDispatcher`` calls ``stopDelivering()``, handles what was already received, hands over its replies and
/// returns; only then is the connection asked to close, and the replies, queued on its event loop before the
/// close, go out ahead of it.
///
/// Stanzas sent while disconnected wait in a queue of ``ComponentLimits/outboundQueueCapacity``; a stanza that does
/// not fit, or that is still queued when the service stops, is handed to the `undeliverable` callback with its error
/// reply, never dropped silently. Stanzas already written to a connection that then fails are lost with it, as TCP
/// gives no receipt.
public final class ComponentConnection: Service, Sendable {
    /// The configuration this connection runs with.
    public let configuration: ComponentConfiguration
    /// The metric labels and ping ids this connection uses.
    public let names: ComponentNames
    /// Stanzas received from the server, in order. Finishes when ``run()`` returns. Bounded per sender and in all
    /// by ``ComponentLimits/maxPendingPerSender`` and ``ComponentLimits/maxPendingStanzas``: a stanza past either
    /// is answered with `resource-constraint` instead of waiting, so one sender's flood cannot grow memory or
    /// delay everyone else without bound.
    public let incoming: IncomingStanzas

    let incomingContinuation: AsyncStream<PendingStanza>.Continuation
    let pending: PendingStanzaCounter
    private let eventLoop: any EventLoop
    let logger: Logger
    private let undeliverable: @Sendable (UndeliverableStanza) -> Void
    let authenticated: @Sendable (Int) -> Void

    /// What changes while the connection runs; read and written only on `eventLoop`.
    struct LoopState {
        var queue: OutboundQueue
        var handler: ComponentStreamHandler?
        var closeRequested = false
        var stopped = false
        var deliveryStopped = false
        var authentications = 0
    }

    /// The state of the connection, checked to be used on `eventLoop` only.
    let state: NIOLoopBoundBox<LoopState>

    /// Makes a connection; nothing happens until ``run()``.
    /// - Parameters:
    ///   - configuration: Server, domain, secret and limits.
    ///   - names: The metric labels and ping ids to use.
    ///   - eventLoopGroup: Where the connection runs; one loop of it is used for everything.
    ///   - logger: The logger of the component subsystem.
    ///   - authenticated: Called on the connection's event loop each time the server accepts the handshake, with
    ///     how many times it has (1 for the first connection, more after each reconnect), after the queued
    ///     stanzas were written. Keep it short: hand the work to another task.
    ///   - undeliverable: Receives each stanza that could not be sent, with its error reply.
    public init(
        configuration: ComponentConfiguration,
        names: ComponentNames,
        eventLoopGroup: any EventLoopGroup,
        logger: Logger,
        authenticated: @escaping @Sendable (Int) -> Void = { _ in },
        undeliverable: @escaping @Sendable (UndeliverableStanza) -> Void
    ) {
        self.configuration = configuration
        self.names = names
        let eventLoop = eventLoopGroup.next()
        self.eventLoop = eventLoop
        self.logger = logger
        self.authenticated = authenticated
        self.undeliverable = undeliverable
        self.state = .makeBoxSendingValue(
            LoopState(queue: OutboundQueue(capacity: configuration.limits.outboundQueueCapacity)),
            eventLoop: eventLoop)
        let (stream, continuation) = AsyncStream.makeStream(of: PendingStanza.self)
        self.pending = PendingStanzaCounter(
            perSender: configuration.limits.maxPendingPerSender, total: configuration.limits.maxPendingStanzas)
        self.incoming = IncomingStanzas(stream: stream, counter: pending)
        self.incomingContinuation = continuation
    }

    /// Sends a stanza, now if the stream is up, or when it is back. Sets `from` to the component domain when absent.
    /// Safe to call from any thread.
    /// - Parameter element: The stanza.
    public func send(_ element: XMLElement) {
        Counter(label: names.stanzasSent, dimensions: [("kind", Self.kind(of: element))]).increment()
        var element = element
        if element.attribute("from") == nil {
            element.setAttribute("from", to: configuration.domain.description)
        }
        eventLoop.execute { [element] in
            self.sendOnLoop(element)
        }
    }

    /// Ends ``incoming`` after the stanzas already in it, so that its consumer can handle those and return while the
    /// stream stays open for their replies. Stanzas that arrive later are not delivered: an IQ get or set, a message
    /// or an available presence among them is answered with `service-unavailable`, so that its sender does not
    /// wait for an answer that will never come. Safe to call from any thread.
    public func stopDelivering() {
        eventLoop.execute {
            self.state.value.deliveryStopped = true
            self.incomingContinuation.finish()
        }
    }

    /// Connects and keeps the component connected until graceful shutdown.
    /// - Throws: ``ComponentError`` when the server refuses the configuration (wrong secret, unknown domain).
    public func run() async throws {
        var backoff = configuration.limits.backoff
        var generator = SystemRandomNumberGenerator()
        defer { finish() }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let outcome = await withTaskCancellationHandler {
                await withGracefulShutdownHandler {
                    await self.connectOnce()
                } onGracefulShutdown: {
                    self.requestClose()
                }
            } onCancel: {
                self.requestClose()
            }
            if let error = outcome.error, error.isConfigurationError {
                throw error
            }
            if outcome.authenticated { backoff.reset() }
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            Counter(label: names.reconnects).increment()
            let delay = backoff.nextDelay(using: &generator)
            logger.info(
                "reconnecting to the XMPP server",
                metadata: ["delay_ms": "\(delay.nanoseconds / 1_000_000)", "attempt": "\(backoff.attempt)"]
            )
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(nanoseconds: UInt64(max(delay.nanoseconds, 0)))
            }
        }
        logger.info("component connection stopped", metadata: ["domain": "\(configuration.domain)"])
    }

    private struct Outcome: Sendable {
        var authenticated: Bool
        var error: ComponentError?
    }

    private func connectOnce() async -> Outcome {
        let limits = configuration.limits
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(limits.connectTimeout)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = ComponentStreamHandler(
                        configuration: self.configuration,
                        pingIDPrefix: self.names.pingIDPrefix,
                        logger: self.logger,
                        delegate: self
                    )
                    try channel.pipeline.syncOperations.addHandlers([XMLStreamDecoder(limits: limits.stream), handler])
                    self.state.value.handler = handler
                }
            }
        logger.debug("connecting", metadata: ["server": "\(configuration.host):\(configuration.port)"])
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            let failure = ComponentError(
                .connectFailed,
                "could not connect to the XMPP server's component port at \(configuration.host):\(configuration.port)",
                setting: "[component] host and port",
                cause: "\(error)"
            )
            logger.warning("\(failure)", metadata: ["code": "\(failure.code.rawValue)"])
            return Outcome(authenticated: false, error: failure)
        }
        eventLoop.execute {
            if self.state.value.closeRequested { self.state.value.handler?.close() }
        }
        try? await channel.closeFuture.get()
        let result = eventLoop.submit { () -> Outcome in
            let handler = self.state.value.handler
            self.state.value.handler = nil
            return Outcome(authenticated: handler?.wasAuthenticated ?? false, error: handler?.failure)
        }
        return (try? await result.get()) ?? Outcome(authenticated: false, error: nil)
    }

    private func requestClose() {
        eventLoop.execute {
            self.state.value.closeRequested = true
            self.state.value.handler?.close()
        }
    }

    private func finish() {
        eventLoop.execute {
            self.state.value.stopped = true
            for element in self.state.value.queue.drain() {
                self.reject(element, StanzaError(.serviceUnavailable, text: "the gateway is shutting down"))
            }
        }
        incomingContinuation.finish()
    }

    private func sendOnLoop(_ element: XMLElement) {
        guard !state.value.stopped else {
            return reject(element, StanzaError(.serviceUnavailable, text: "the gateway is shutting down"))
        }
        if state.value.queue.isEmpty, let handler = state.value.handler, handler.send(element) { return }
        if !state.value.queue.enqueue(element) {
            logger.warning(
                "outbound queue full while disconnected; answering with an error",
                metadata: ["capacity": "\(state.value.queue.capacity)"]
            )
            reject(
                element,
                StanzaError(
                    .resourceConstraint,
                    text: "the gateway is not connected to the XMPP server and its outbound queue is full"
                )
            )
        }
    }

    private func reject(_ element: XMLElement, _ error: StanzaError) {
        undeliverable(UndeliverableStanza(original: element, error: error))
    }
}

extension ComponentConnection: CustomStringConvertible {
    /// The name the service group logs.
    public var description: String { "ComponentConnection(\(configuration.domain))" }
}
