/// An info/query stanza, RFC 6120 §8.2.3: a request (get, set) answered by exactly one result or error.
///
/// Validation follows §8.2.3: 'id' and 'type' are required; get and set carry exactly one child element; a result
/// carries at most one; an error carries an `<error/>` and optionally the request's child.
public struct IQ: Stanza {
    /// The 'type' attribute.
    public enum Kind: String, CaseIterable, Sendable {
        case get, set, result, error
    }

    /// The 'id' attribute; required on the wire, so ``init(element:)`` never leaves it `nil`.
    public var id: String?
    public var from: JID?
    public var to: JID?
    public var namespace: String
    /// The IQ type.
    public var type: Kind
    /// The 'xml:lang' attribute.
    public var language: String?
    /// The request or result child, such as a disco `<query/>`.
    public var payload: XMLElement?
    /// The error of an IQ of type error.
    public var error: StanzaError?

    /// Makes an IQ.
    /// - Parameters:
    ///   - type: The IQ type.
    ///   - id: The 'id' attribute.
    ///   - from: The sender.
    ///   - to: The recipient.
    ///   - payload: The child element.
    ///   - error: The error, for type error.
    ///   - namespace: The content namespace.
    public init(
        type: Kind,
        id: String,
        from: JID? = nil,
        to: JID? = nil,
        payload: XMLElement? = nil,
        error: StanzaError? = nil,
        namespace: String = XMPPNamespace.component
    ) {
        self.type = type
        self.id = id
        self.from = from
        self.to = to
        self.payload = payload
        self.error = error
        self.namespace = namespace
    }

    public init(element: XMLElement) throws(StanzaParseError) {
        let common = try StanzaCommon(element: element, name: "iq")
        guard let id = common.id, !id.isEmpty else { throw .missingID }
        guard let value = common.type, let type = Kind(rawValue: value) else {
            throw .invalidType(common.type ?? "")
        }
        switch type {
        case .get, .set:
            guard common.payload.count == 1 else { throw .invalidIQPayload(childCount: common.payload.count) }
        case .result, .error:
            guard common.payload.count <= 1 else { throw .invalidIQPayload(childCount: common.payload.count) }
        }
        self.init(
            type: type,
            id: id,
            from: common.from,
            to: common.to,
            payload: common.payload.first,
            error: common.error,
            namespace: common.namespace
        )
        self.language = common.language
    }

    public var element: XMLElement {
        element(
            named: "iq", type: type.rawValue, language: language, payload: payload.map { [$0] } ?? [],
            isError: type == .error)
    }

    /// Makes the result for this request: 'from' and 'to' swapped, same id.
    /// - Parameter payload: The result's child, if any.
    /// - Returns: The result IQ.
    public func result(payload: XMLElement? = nil) -> IQ {
        IQ(type: .result, id: id ?? "", from: to, to: from, payload: payload, namespace: namespace)
    }
}

extension IQ: Hashable {}
