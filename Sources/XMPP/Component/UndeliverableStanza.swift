/// A stanza the component could not send, with the error reply owed to its local sender.
public struct UndeliverableStanza: Hashable, Sendable {
    /// The stanza as it was handed to ``ComponentConnection/send(_:)``.
    public var original: XMLElement
    /// Why it was not sent.
    public var error: StanzaError
    /// The error reply addressed back to the original's sender (RFC 6120 §8.3.1), or `nil` when the original is
    /// itself an error, which must never be answered.
    public var reply: XMLElement?

    /// Makes the record and its reply.
    /// - Parameters:
    ///   - original: The stanza not sent.
    ///   - error: The reason.
    public init(original: XMLElement, error: StanzaError) {
        self.original = original
        self.error = error
        self.reply = error.reply(to: original)
    }
}
