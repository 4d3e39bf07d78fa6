internal import Crypto

/// The life of one XEP-0114 component stream, from TCP connect to close, as an explicit state machine.
///
/// ```text
/// idle ─channelActive─▶ awaitingStreamHeader ─streamOpened─▶ awaitingHandshakeReply ─<handshake/>─▶ authenticated
///                               │                                   │                                  │
///                               └──────── stream error, timeout, EOF, malformed XML ───────────────────┤
///                                                                                                      ▼
///                                        closeRequested ─▶ closing ─peer </stream:stream> or timeout─▶ closed
/// ```
///
/// Each event method returns the ``Action`` the channel handler must carry out; the machine does no I/O. The
/// handshake is the lowercase hex SHA-1 of the server's stream id followed by the secret (XEP-0114 §2).
public struct ComponentStreamStateMachine: Sendable {
    /// Where the stream is.
    public enum State: Hashable, Sendable {
        /// No connection yet.
        case idle
        /// Our header is sent; waiting for the server's.
        case awaitingStreamHeader
        /// The handshake is sent; waiting for `<handshake/>`.
        case awaitingHandshakeReply(streamID: String)
        /// Stanzas flow.
        case authenticated(streamID: String)
        /// Our `</stream:stream>` is sent; waiting for the server's.
        case closing
        /// Finished; nothing more is sent.
        case closed
    }

    /// What the handler must do after an event.
    public enum Action: Hashable, Sendable {
        /// Nothing.
        case none
        /// Write the opening `<stream:stream>` to the component domain.
        case sendStreamHeader
        /// Write `<handshake>digest</handshake>`.
        case sendHandshake(digest: String)
        /// The server accepted the handshake: start keepalives and pings, flush queued stanzas.
        case authenticated
        /// Pass a stanza on to the router.
        case deliver(XMLElement)
        /// Answer a stanza the parser refused for breaking a per-stanza limit; the stream goes on.
        case refuse(RefusedStanza)
        /// Write `</stream:stream>` and wait for the server's, up to the close timeout.
        case sendStreamClose
        /// Close the TCP connection now.
        case closeChannel
        /// Report the error, write the stream error if any and `</stream:stream>`, then close the connection.
        case fail(ComponentError, send: StreamError?)
    }

    /// The current state.
    public private(set) var state: State = .idle
    /// Whether this stream reached ``State/authenticated`` at some point.
    public private(set) var wasAuthenticated = false

    private let domain: JID
    private let secret: ComponentSecret

    /// Makes the machine for one connection.
    /// - Parameters:
    ///   - domain: The component domain.
    ///   - secret: The handshake secret.
    public init(domain: JID, secret: ComponentSecret) {
        self.domain = domain
        self.secret = secret
    }

    /// Computes the XEP-0114 handshake digest.
    /// - Parameters:
    ///   - streamID: The `id` of the server's stream header.
    ///   - secret: The shared secret.
    /// - Returns: The lowercase hex SHA-1 of `streamID + secret`.
    public static func handshakeDigest(streamID: String, secret: ComponentSecret) -> String {
        let digest = Insecure.SHA1.hash(data: Array((streamID + secret.value).utf8))
        // XMPP does not import MLS, whose `hexString` every other module uses, and swift-crypto's digests
        // offer no hex form of their own, so this is the one hex encoder outside MLS.
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The TCP connection is up.
    public mutating func channelActive() -> Action {
        guard case .idle = state else { return .none }
        state = .awaitingStreamHeader
        return .sendStreamHeader
    }

    /// The server's stream header arrived.
    public mutating func streamOpened(_ header: XMLStreamHeader) -> Action {
        switch state {
        case .awaitingStreamHeader:
            guard header.contentNamespace == XMPPNamespace.component else {
                return fail(
                    ComponentError(
                        .malformedStream,
                        "the server at the component port did not open a jabber:component:accept stream; is "
                            + "the port a component port?",
                        setting: "[component] port",
                        cause: "content namespace '\(header.contentNamespace ?? "")'"
                    ),
                    send: StreamError(.invalidNamespace)
                )
            }
            guard let streamID = header.attribute("id"), !streamID.isEmpty else {
                return fail(
                    ComponentError(.malformedStream, "the server's stream header has no id", cause: "no id attribute"),
                    send: StreamError(.invalidXML)
                )
            }
            state = .awaitingHandshakeReply(streamID: streamID)
            return .sendHandshake(digest: Self.handshakeDigest(streamID: streamID, secret: secret))
        case .closing, .closed:
            return .none
        case .idle, .awaitingHandshakeReply, .authenticated:
            return fail(
                ComponentError(.malformedStream, "the server opened a second stream header", cause: nil),
                send: StreamError(.badFormat)
            )
        }
    }

    /// A top-level element arrived.
    public mutating func elementReceived(_ element: XMLElement) -> Action {
        if let streamError = StreamError(element: element) {
            switch state {
            case .closing, .closed:
                return .none
            case .idle, .awaitingStreamHeader, .awaitingHandshakeReply, .authenticated:
                return fail(ComponentError.received(streamError, domain: domain), send: nil)
            }
        }
        switch state {
        case .awaitingHandshakeReply(let streamID):
            guard element.name == "handshake", element.namespace == XMPPNamespace.component else {
                return fail(
                    ComponentError(
                        .malformedStream,
                        "the server sent <\(element.name)/> before accepting the handshake",
                        cause: nil
                    ),
                    send: StreamError(.notAuthorized)
                )
            }
            state = .authenticated(streamID: streamID)
            wasAuthenticated = true
            return .authenticated
        case .authenticated:
            return .deliver(element)
        case .closing, .closed:
            return .none
        case .idle, .awaitingStreamHeader:
            return fail(
                ComponentError(.malformedStream, "the server sent an element before its stream header", cause: nil),
                send: StreamError(.badFormat)
            )
        }
    }

    /// A stanza broke a per-stanza limit and was dropped by the parser.
    public mutating func stanzaRefused(_ refused: RefusedStanza) -> Action {
        switch state {
        case .authenticated:
            return .refuse(refused)
        case .closing, .closed:
            return .none
        case .awaitingHandshakeReply:
            return fail(
                ComponentError(
                    .malformedStream,
                    "the server sent an oversized <\(refused.head.name)/> before accepting the handshake",
                    cause: "\(refused.violation)"
                ),
                send: StreamError(.notAuthorized)
            )
        case .idle, .awaitingStreamHeader:
            return fail(
                ComponentError(.malformedStream, "the server sent an element before its stream header", cause: nil),
                send: StreamError(.badFormat)
            )
        }
    }

    /// The server sent `</stream:stream>`.
    public mutating func streamClosedByPeer() -> Action {
        switch state {
        case .closing:
            state = .closed
            return .closeChannel
        case .closed:
            return .none
        case .authenticated:
            return fail(ComponentError(.connectionLost, "the XMPP server closed the stream", cause: nil), send: nil)
        case .idle, .awaitingStreamHeader, .awaitingHandshakeReply:
            return fail(closedDuringHandshake, send: nil)
        }
    }

    /// The server's XML was refused by the parser.
    public mutating func parseFailed(_ error: XMLStreamError) -> Action {
        switch state {
        case .closed:
            return .none
        case .closing:
            state = .closed
            return .closeChannel
        case .idle, .awaitingStreamHeader, .awaitingHandshakeReply, .authenticated:
            return fail(
                ComponentError(.malformedStream, "the XMPP server sent XML that breaks the stream", cause: "\(error)"),
                send: StreamError(error)
            )
        }
    }

    /// We want to end the stream (shutdown).
    public mutating func closeRequested() -> Action {
        switch state {
        case .idle:
            state = .closed
            return .closeChannel
        case .awaitingStreamHeader, .awaitingHandshakeReply, .authenticated:
            state = .closing
            return .sendStreamClose
        case .closing, .closed:
            return .none
        }
    }

    /// The server did not answer our `</stream:stream>` in time.
    public mutating func closeTimedOut() -> Action {
        guard case .closing = state else { return .none }
        state = .closed
        return .closeChannel
    }

    /// The handshake did not complete in time.
    public mutating func handshakeTimedOut() -> Action {
        switch state {
        case .idle, .awaitingStreamHeader, .awaitingHandshakeReply:
            return fail(
                ComponentError(
                    .handshakeTimeout,
                    "the XMPP server did not complete the component handshake in time",
                    setting: "[component] host and port",
                    cause: nil
                ),
                send: StreamError(.connectionTimeout)
            )
        case .authenticated, .closing, .closed:
            return .none
        }
    }

    /// A ping to the server went unanswered.
    public mutating func pingTimedOut() -> Action {
        guard case .authenticated = state else { return .none }
        return fail(
            ComponentError(.pingTimeout, "the XMPP server did not answer a ping; the link is dead", cause: nil),
            send: nil
        )
    }

    /// The TCP connection is gone.
    /// - Returns: The error to report if the loss was not expected, or `nil`.
    public mutating func channelInactive() -> ComponentError? {
        defer { state = .closed }
        switch state {
        case .closing, .closed:
            return nil
        case .authenticated:
            return ComponentError(.connectionLost, "the connection to the XMPP server was lost", cause: nil)
        case .idle, .awaitingStreamHeader, .awaitingHandshakeReply:
            return closedDuringHandshake
        }
    }

    private var closedDuringHandshake: ComponentError {
        ComponentError(
            .closedDuringHandshake,
            "the XMPP server closed the connection before accepting the component",
            setting: "[component] host and port",
            cause: nil
        )
    }

    private mutating func fail(_ error: ComponentError, send streamError: StreamError?) -> Action {
        state = .closed
        return .fail(error, send: streamError)
    }
}
