/// The resource limits of ``XMLStreamParser``.
///
/// The first three are per-stanza limits: a stanza that breaks one is read through to its end without being kept,
/// and reported as ``XMLStreamEvent/stanzaRefused(_:)``, while the stream goes on. Only ``maxRefusedStanzaBytes``,
/// and the same limits on the stream's root element, end the stream with `policy-violation`.
public struct XMLStreamLimits: Hashable, Sendable {
    /// The most bytes one top-level element (a stanza) may take, from its `<` to the end of its end tag. Bytes
    /// between stanzas that the parser has not yet matched to a complete construct count too.
    ///
    /// Default: 512 KiB (524 288 bytes), the limit Prosody applies to component streams: a peer that accepts
    /// larger stanzas could not route them anyway, and the bound caps what one stanza can make us buffer.
    public var maxStanzaBytes: Int
    /// The deepest element nesting allowed, counting the `<stream:stream>` root as depth 1 and a stanza as 2.
    ///
    /// Default: 64. Real XMPP payloads nest fewer than 10 levels (forms and pubsub items reach about 8); the
    /// bound keeps tree building and any recursive processing of a stanza cheap.
    public var maxDepth: Int
    /// The most attributes one element may carry, namespace declarations included.
    ///
    /// Default: 64. Stanzas use a handful; the bound stops quadratic duplicate-attribute checks and large
    /// namespace tables in one start tag.
    public var maxAttributes: Int
    /// The most bytes of a refused stanza the parser reads through, without keeping them, to find its end. Past
    /// this the stream ends: the peer sent a stanza no XMPP server should have routed, or a tag that never ends.
    ///
    /// Default: 1 MiB, twice Prosody's own stanza limits; raise it when the server's c2s stanza limit is higher.
    /// Skipping keeps only the parser's stack of open elements, so its memory stays a small multiple of this.
    public var maxRefusedStanzaBytes: Int

    /// Makes a set of limits.
    /// - Parameters:
    ///   - maxStanzaBytes: See ``maxStanzaBytes``; default 512 KiB.
    ///   - maxDepth: See ``maxDepth``; default 64.
    ///   - maxAttributes: See ``maxAttributes``; default 64.
    ///   - maxRefusedStanzaBytes: See ``maxRefusedStanzaBytes``; default 1 MiB, and never below `maxStanzaBytes`.
    public init(
        maxStanzaBytes: Int = 512 * 1024,
        maxDepth: Int = 64,
        maxAttributes: Int = 64,
        maxRefusedStanzaBytes: Int = 1024 * 1024
    ) {
        self.maxStanzaBytes = maxStanzaBytes
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
        self.maxRefusedStanzaBytes = max(maxRefusedStanzaBytes, maxStanzaBytes)
    }
}
