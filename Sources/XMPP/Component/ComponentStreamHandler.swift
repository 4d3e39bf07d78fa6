import Logging
import NIOCore

/// The channel handler that runs one XEP-0114 component stream: header, handshake, whitespace keepalives, XEP-0199
/// pings to the server, and a clean close.
///
/// It sits after ``XMLStreamDecoder`` and drives a ``ComponentStreamStateMachine``, carrying out the actions it
/// returns. Failures are logged once, with the setting to check, and reported to the delegate; the connection is
/// then closed, and the owner decides whether to reconnect. Everything runs on the channel's event loop.
final class ComponentStreamHandler: ChannelInboundHandler {
    typealias InboundIn = XMLStreamEvent
    typealias OutboundOut = ByteBuffer

    private let configuration: ComponentConfiguration
    private let pingIDPrefix: String
    private let logger: Logger
    private weak var delegate: (any ComponentStreamDelegate)?
    private var machine: ComponentStreamStateMachine
    private var context: ChannelHandlerContext?
    private let serializer = XMLSerializer(
        defaultNamespace: XMPPNamespace.component,
        prefixes: [XMPPNamespace.stream: "stream"]
    )

    private var handshakeTimer: Scheduled<Void>?
    private var keepaliveTimer: Scheduled<Void>?
    private var pingTimer: Scheduled<Void>?
    private var pingTimeoutTimer: Scheduled<Void>?
    private var closeTimer: Scheduled<Void>?
    private var wroteSinceKeepalive = false
    private var pingCounter = 0

    /// The id of the ping waiting for an answer.
    private(set) var outstandingPingID: String?
    /// The first failure of this stream, if any.
    private(set) var failure: ComponentError?

    /// Makes the handler for one connection.
    /// - Parameters:
    ///   - configuration: Domain, secret and limits.
    ///   - pingIDPrefix: What each ping id starts with (``ComponentNames/pingIDPrefix``).
    ///   - logger: The component connection's logger.
    ///   - delegate: Receives authentication, stanzas and failures.
    init(
        configuration: ComponentConfiguration, pingIDPrefix: String, logger: Logger,
        delegate: (any ComponentStreamDelegate)?
    ) {
        self.configuration = configuration
        self.pingIDPrefix = pingIDPrefix
        self.logger = logger
        self.delegate = delegate
        self.machine = ComponentStreamStateMachine(domain: configuration.domain, secret: configuration.secret)
    }

    /// Whether stanzas can be sent now.
    var isAuthenticated: Bool {
        if case .authenticated = machine.state { return true }
        return false
    }

    /// Whether the stream was authenticated at some point.
    var wasAuthenticated: Bool { machine.wasAuthenticated }

    /// The state of the stream.
    var state: ComponentStreamStateMachine.State { machine.state }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive {
            apply(machine.channelActive(), context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        apply(machine.channelActive(), context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        if let error = machine.channelInactive() {
            report(error)
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .streamOpened(let header):
            apply(machine.streamOpened(header), context: context)
        case .element(let element):
            apply(machine.elementReceived(element), context: context)
        case .stanzaRefused(let refused):
            apply(machine.stanzaRefused(refused), context: context)
        case .streamClosed:
            apply(machine.streamClosedByPeer(), context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parseError = error as? XMLStreamError {
            apply(machine.parseFailed(parseError), context: context)
        } else {
            logger.warning("component connection error: \(error)")
            context.close(promise: nil)
        }
    }

    /// Sends a stanza on the authenticated stream.
    /// - Parameter element: The stanza, with its `from` already set.
    /// - Returns: `false` when the stream is not authenticated and nothing was written.
    @discardableResult
    func send(_ element: XMLElement) -> Bool {
        guard isAuthenticated, let context else { return false }
        write(serializer.serialize(element), context: context)
        return true
    }

    /// Starts a clean close: `</stream:stream>`, then the connection is closed when the server answers or after
    /// the close timeout.
    func close() {
        guard let context else { return }
        apply(machine.closeRequested(), context: context)
    }

    private func apply(_ action: ComponentStreamStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .sendStreamHeader:
            let domain = XMLSerializer.escapeAttribute(configuration.domain.description)
            write(
                "<?xml version='1.0'?><stream:stream xmlns='\(XMPPNamespace.component)' "
                    + "xmlns:stream='\(XMPPNamespace.stream)' to='\(domain)'>",
                context: context
            )
            handshakeTimer = schedule(in: configuration.limits.handshakeTimeout, on: context) { handler, context in
                handler.apply(handler.machine.handshakeTimedOut(), context: context)
            }
        case .sendHandshake(let digest):
            write("<handshake>\(digest)</handshake>", context: context)
        case .authenticated:
            handshakeTimer?.cancel()
            handshakeTimer = nil
            logger.info(
                "component authenticated",
                metadata: [
                    "domain": "\(configuration.domain)", "server": "\(configuration.host):\(configuration.port)",
                ]
            )
            scheduleKeepalive(context: context)
            schedulePing(context: context)
            delegate?.componentStreamDidAuthenticate(self)
        case .deliver(let element):
            if let id = outstandingPingID, element.name == "iq", element.attribute("id") == id,
                element.attribute("type") == "result" || element.attribute("type") == "error"
            {
                outstandingPingID = nil
                pingTimeoutTimer?.cancel()
                pingTimeoutTimer = nil
                return
            }
            delegate?.componentStream(self, didReceive: element)
        case .refuse(let refused):
            delegate?.componentStream(self, didRefuse: refused)
        case .sendStreamClose:
            cancelTimers()
            write("</stream:stream>", context: context)
            closeTimer = schedule(in: configuration.limits.closeTimeout, on: context) { handler, context in
                handler.apply(handler.machine.closeTimedOut(), context: context)
            }
        case .closeChannel:
            cancelTimers()
            context.close(promise: nil)
        case .fail(let error, let streamError):
            cancelTimers()
            report(error)
            var text = streamError.map { $0.serialized() } ?? ""
            text += "</stream:stream>"
            write(text, context: context)
            context.close(promise: nil)
        }
    }

    private func report(_ error: ComponentError) {
        guard failure == nil else { return }
        failure = error
        let metadata: Logger.Metadata = [
            "code": "\(error.code.rawValue)",
            "domain": "\(configuration.domain)",
            "server": "\(configuration.host):\(configuration.port)",
        ]
        if error.isConfigurationError {
            logger.error("\(error)", metadata: metadata)
        } else {
            logger.warning("\(error)", metadata: metadata)
        }
        delegate?.componentStream(self, didFail: error)
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        wroteSinceKeepalive = true
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
    }

    private func scheduleKeepalive(context: ChannelHandlerContext) {
        wroteSinceKeepalive = false
        keepaliveTimer = schedule(in: configuration.limits.keepaliveInterval, on: context) { handler, context in
            guard handler.isAuthenticated else { return }
            if !handler.wroteSinceKeepalive {
                handler.write(" ", context: context)
            }
            handler.scheduleKeepalive(context: context)
        }
    }

    private func schedulePing(context: ChannelHandlerContext) {
        pingTimer = schedule(in: configuration.limits.pingInterval, on: context) { handler, context in
            guard handler.isAuthenticated else { return }
            if handler.outstandingPingID == nil {
                handler.sendPing(context: context)
            }
            handler.schedulePing(context: context)
        }
    }

    private func sendPing(context: ChannelHandlerContext) {
        pingCounter += 1
        let id = "\(pingIDPrefix)\(pingCounter)"
        outstandingPingID = id
        let ping = IQ(
            type: .get,
            id: id,
            from: configuration.domain,
            to: configuration.pingTarget,
            payload: XMLElement(name: "ping", namespace: XMPPNamespace.ping)
        )
        write(serializer.serialize(ping.element), context: context)
        pingTimeoutTimer = schedule(in: configuration.limits.pingTimeout, on: context) { handler, context in
            handler.apply(handler.machine.pingTimedOut(), context: context)
        }
    }

    private func schedule(
        in delay: TimeAmount,
        on context: ChannelHandlerContext,
        _ body: @escaping (ComponentStreamHandler, ChannelHandlerContext) -> Void
    ) -> Scheduled<Void> {
        context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [weak self] in
            guard let self, let context = self.context else { return }
            body(self, context)
        }
    }

    private func cancelTimers() {
        for timer in [handshakeTimer, keepaliveTimer, pingTimer, pingTimeoutTimer, closeTimer] {
            timer?.cancel()
        }
        handshakeTimer = nil
        keepaliveTimer = nil
        pingTimer = nil
        pingTimeoutTimer = nil
        closeTimer = nil
    }
}

@available(*, unavailable)
extension ComponentStreamHandler: Sendable {}
