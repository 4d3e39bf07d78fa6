/// Which per-stanza limit of ``XMLStreamLimits`` a stanza broke.
///
/// A stanza that breaks one is dropped alone and reported as ``XMLStreamEvent/stanzaRefused(_:)``; the stream goes
/// on, since on a component stream every stanza comes from some user through the server, and one user's stanza must
/// not cost every other user the service.
public enum StanzaLimitViolation: Hashable, Sendable {
    /// The stanza grew past ``XMLStreamLimits/maxStanzaBytes``.
    case tooLarge(limit: Int)
    /// Its elements nested past ``XMLStreamLimits/maxDepth``.
    case tooDeep(limit: Int)
    /// One of its elements carried more than ``XMLStreamLimits/maxAttributes`` attributes and namespace
    /// declarations.
    case tooManyAttributes(limit: Int)

    /// A fixed label for metrics: `size`, `depth` or `attributes`.
    public var label: String {
        switch self {
        case .tooLarge: "size"
        case .tooDeep: "depth"
        case .tooManyAttributes: "attributes"
        }
    }
}

extension StanzaLimitViolation: CustomStringConvertible {
    /// The reason in words, fit for the `<text/>` of the error sent back to the stanza's sender.
    public var description: String {
        switch self {
        case .tooLarge(let limit): "the stanza is larger than the gateway's limit of \(limit) bytes"
        case .tooDeep(let limit): "the stanza nests elements deeper than the gateway's limit of \(limit) levels"
        case .tooManyAttributes(let limit):
            "an element of the stanza has more than the gateway's limit of \(limit) attributes"
        }
    }
}
