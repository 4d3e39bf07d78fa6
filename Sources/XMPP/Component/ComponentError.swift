/// A component connection failure as an administrator sees it: a code, a plain message, the setting to check,
/// the underlying cause, and where it was raised. Equal by code.
public struct ComponentError: Error, Sendable {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable {
        /// The server refused the handshake: wrong secret (stream error `not-authorized`).
        case notAuthorized = "not-authorized"
        /// The server does not know the component domain (stream error `host-unknown`).
        case hostUnknown = "host-unknown"
        /// Another component is already connected for this domain (stream error `conflict`).
        case conflict = "conflict"
        /// The server ended the stream with another stream error.
        case streamError = "stream-error"
        /// The TCP connection could not be made.
        case connectFailed = "connect-failed"
        /// The server did not complete the handshake in time.
        case handshakeTimeout = "handshake-timeout"
        /// A ping to the server went unanswered: the link is dead.
        case pingTimeout = "ping-timeout"
        /// The server sent XML that is not an acceptable stream.
        case malformedStream = "malformed-stream"
        /// The server closed the connection before the handshake completed.
        case closedDuringHandshake = "closed-during-handshake"
        /// The server closed the stream or the connection after authentication.
        case connectionLost = "connection-lost"
    }

    /// The failure's code.
    public var code: Code
    /// What happened, in plain words.
    public var message: String
    /// The configuration setting to check, such as `[component] secret`, if one is to blame.
    public var setting: String?
    /// The underlying cause, such as the server's stream error text.
    public var cause: String?
    /// The file that raised the error.
    public var file: String
    /// The line that raised the error.
    public var line: Int

    /// Makes an error.
    /// - Parameters:
    ///   - code: The code.
    ///   - message: The plain message.
    ///   - setting: The setting to check.
    ///   - cause: The underlying cause.
    public init(
        _ code: Code,
        _ message: String,
        setting: String? = nil,
        cause: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.setting = setting
        self.cause = cause
        self.file = file
        self.line = line
    }

    /// Whether retrying cannot help until the configuration changes: a refused secret or an unknown domain.
    public var isConfigurationError: Bool {
        code == .notAuthorized || code == .hostUnknown
    }

    /// Maps a stream error received from the server.
    /// - Parameters:
    ///   - streamError: The server's `<stream:error/>`.
    ///   - domain: The component domain, for the message.
    /// - Returns: The error to report.
    public static func received(
        _ streamError: StreamError,
        domain: JID,
        file: String = #fileID,
        line: Int = #line
    ) -> ComponentError {
        let cause = streamError.condition.rawValue + (streamError.text.map { ": " + $0 } ?? "")
        switch streamError.condition {
        case .notAuthorized:
            return ComponentError(
                .notAuthorized,
                "the XMPP server refused the handshake for \(domain): the secret does not match the one the server "
                    + "has for this component",
                setting: "[component] secret",
                cause: cause,
                file: file,
                line: line
            )
        case .hostUnknown:
            return ComponentError(
                .hostUnknown,
                "the XMPP server does not serve the component domain \(domain): it must match a component the "
                    + "server is configured for",
                setting: "[component] domain",
                cause: cause,
                file: file,
                line: line
            )
        case .conflict:
            return ComponentError(
                .conflict,
                "another component is already connected to the XMPP server as \(domain); stop the other instance "
                    + "or give this one its own domain",
                setting: "[component] domain",
                cause: cause,
                file: file,
                line: line
            )
        default:
            return ComponentError(
                .streamError,
                "the XMPP server ended the stream for \(domain)",
                cause: cause,
                file: file,
                line: line
            )
        }
    }
}

extension ComponentError: Hashable {
    public static func == (lhs: ComponentError, rhs: ComponentError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension ComponentError: CustomStringConvertible {
    /// `[code] message (cause); check <setting>`, the line an administrator reads in the log.
    public var description: String {
        var text = "[\(code.rawValue)] \(message)"
        if let cause { text += " (\(cause))" }
        if let setting { text += "; check \(setting) in the configuration" }
        return text
    }
}
