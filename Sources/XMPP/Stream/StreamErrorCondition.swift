/// The defined conditions of XMPP stream errors, RFC 6120 §4.9.3.
///
/// Each is sent as an empty element in the `urn:ietf:params:xml:ns:xmpp-streams` namespace inside `<stream:error>`,
/// after which the stream is closed.
public enum StreamErrorCondition: String, CaseIterable, Sendable {
    /// §4.9.3.1: XML that cannot be processed.
    case badFormat = "bad-format"
    /// §4.9.3.2: an unsupported namespace prefix, or none where one is required.
    case badNamespacePrefix = "bad-namespace-prefix"
    /// §4.9.3.3: a new stream conflicts with this one.
    case conflict = "conflict"
    /// §4.9.3.4: no traffic for too long.
    case connectionTimeout = "connection-timeout"
    /// §4.9.3.5: the hostname is no longer served.
    case hostGone = "host-gone"
    /// §4.9.3.6: the hostname is not served.
    case hostUnknown = "host-unknown"
    /// §4.9.3.7: a stanza lacks a required 'to' or 'from'.
    case improperAddressing = "improper-addressing"
    /// §4.9.3.8: a misconfiguration or internal failure.
    case internalServerError = "internal-server-error"
    /// §4.9.3.9: the 'from' address is not authorized for this stream.
    case invalidFrom = "invalid-from"
    /// §4.9.3.10: the stream or content namespace is not supported.
    case invalidNamespace = "invalid-namespace"
    /// §4.9.3.11: XML that fails validation.
    case invalidXML = "invalid-xml"
    /// §4.9.3.12: data sent before authentication (for components, before the handshake).
    case notAuthorized = "not-authorized"
    /// §4.9.3.13: XML that is not well-formed.
    case notWellFormed = "not-well-formed"
    /// §4.9.3.14: a local policy was violated, such as a size limit.
    case policyViolation = "policy-violation"
    /// §4.9.3.15: a required remote connection failed.
    case remoteConnectionFailed = "remote-connection-failed"
    /// §4.9.3.16: the stream must be renegotiated.
    case reset = "reset"
    /// §4.9.3.17: not enough resources to serve the stream.
    case resourceConstraint = "resource-constraint"
    /// §4.9.3.18: XML features that XMPP forbids (§11.1): comments, processing instructions, DTDs, entities.
    case restrictedXML = "restricted-xml"
    /// §4.9.3.19: reconnect to another host.
    case seeOtherHost = "see-other-host"
    /// §4.9.3.20: the server is shutting down.
    case systemShutdown = "system-shutdown"
    /// §4.9.3.21: no other condition applies.
    case undefinedCondition = "undefined-condition"
    /// §4.9.3.22: an encoding other than UTF-8, or badly encoded UTF-8.
    case unsupportedEncoding = "unsupported-encoding"
    /// §4.9.3.23: a mandatory feature is not supported.
    case unsupportedFeature = "unsupported-feature"
    /// §4.9.3.24: a top-level child that is not a known stanza.
    case unsupportedStanzaType = "unsupported-stanza-type"
    /// §4.9.3.25: the stream version is not supported.
    case unsupportedVersion = "unsupported-version"
}
