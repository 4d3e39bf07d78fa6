/// Why bytes are not an XEP-0420 envelope. Each case is invalid peer input: nothing was decrypted into
/// anything usable.
public enum SCEEnvelopeError: Error, Hashable, Sendable {
    /// The bytes are not one well-formed XML element.
    case notWellFormed(String)
    /// The root is not `<envelope xmlns='urn:xmpp:sce:1'/>`; carries the name and namespace found.
    case notAnEnvelope(name: String, namespace: String?)
    /// The envelope has no `<content/>` element (XEP-0420 §4: exactly one is required).
    case missingContent
    /// The envelope has more than one `<content/>` element.
    case duplicateContent
    /// An affix is present but malformed, such as `<from/>` without a valid `jid`; carries its name.
    case malformedAffix(String)
}
