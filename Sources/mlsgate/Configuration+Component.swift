import Foundation
import XMPP

extension Configuration {
    /// Reads `[component]` and the stream bounds of `[limits]`.
    /// - Throws: ``ConfigurationError`` naming the key to fix.
    static func readComponent(_ reader: ConfigurationReader) throws(ConfigurationError) -> ComponentConfiguration {
        let domain = try readDomain(reader)
        guard let secret = try reader.string(.componentSecret), !secret.isEmpty else {
            throw ConfigurationError(
                .missingKey,
                key: ConfigurationKey.componentSecret.displayName,
                "set it to the component secret the XMPP server has for \(domain)"
            )
        }
        let host = try reader.string(.componentHost) ?? ""
        guard !host.isEmpty else {
            throw ConfigurationError(
                .invalidValue, key: ConfigurationKey.componentHost.displayName, "must not be empty")
        }
        let port = try reader.integer(.componentPort)
        var limits = ComponentLimits()
        limits.pingInterval = .seconds(Int64(try reader.integer(.pingInterval)))
        limits.pingTimeout = .seconds(Int64(try reader.integer(.pingTimeout)))
        limits.connectTimeout = .seconds(Int64(try reader.integer(.connectTimeout)))
        limits.handshakeTimeout = .seconds(Int64(try reader.integer(.handshakeTimeout)))
        limits.reconnectMaximumDelay = .seconds(Int64(try reader.integer(.reconnectMaxDelay)))
        limits.outboundQueueCapacity = try reader.integer(.outboundQueue)
        limits.stream = try readStreamLimits(reader)
        limits.maxPendingPerSender = try reader.integer(.maxPendingPerSender)
        limits.maxPendingStanzas = try reader.integer(.maxPendingStanzas)
        return ComponentConfiguration(domain: domain, secret: secret, host: host, port: port, limits: limits)
    }

    /// Reads `[component] domain`: required, and a bare domain.
    private static func readDomain(_ reader: ConfigurationReader) throws(ConfigurationError) -> JID {
        let key = ConfigurationKey.componentDomain.displayName
        guard let domainText = try reader.string(.componentDomain) else {
            throw ConfigurationError(
                .missingKey,
                key: key,
                "set it to the component's domain as configured on the XMPP server, such as mls.example.org"
            )
        }
        let domain: JID
        do {
            domain = try JID(domainText)
        } catch {
            throw ConfigurationError(.invalidValue, key: key, "'\(domainText)' is not a valid domain: \(error)")
        }
        guard domain.localpart == nil, domain.resourcepart == nil else {
            throw ConfigurationError(
                .invalidValue,
                key: key,
                "'\(domainText)' must be a bare domain such as mls.example.org, without '@' or '/'"
            )
        }
        return domain
    }

    /// Reads the XML parser's bounds from `[limits]`.
    private static func readStreamLimits(_ reader: ConfigurationReader) throws(ConfigurationError) -> XMLStreamLimits {
        var stream = ComponentLimits().stream
        stream.maxStanzaBytes = try reader.integer(.maxStanzaBytes)
        stream.maxDepth = try reader.integer(.maxXMLDepth)
        stream.maxAttributes = try reader.integer(.maxXMLAttributes)
        let refused = ConfigurationKey.maxRefusedStanzaBytes
        stream.maxRefusedStanzaBytes = try reader.integer(
            refused, default: max(refused.defaultInteger, stream.maxStanzaBytes))
        return stream
    }

    /// Checks that the stream bounds agree: a refused stanza is read through to its end.
    static func checkStreamLimits(_ stream: XMLStreamLimits) throws(ConfigurationError) {
        guard stream.maxRefusedStanzaBytes >= stream.maxStanzaBytes else {
            throw ConfigurationError(
                .invalidValue,
                key: ConfigurationKey.maxRefusedStanzaBytes.displayName,
                "\(stream.maxRefusedStanzaBytes) must be at least [limits] max_stanza_bytes "
                    + "(\(stream.maxStanzaBytes)): a stanza over that limit is read through to its end"
            )
        }
    }
}
