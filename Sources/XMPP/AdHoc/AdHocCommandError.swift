/// The specific error conditions of XEP-0050 §4.4, each answered with its general stanza condition.
///
/// ```text
/// <error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
///   <bad-payload xmlns='http://jabber.org/protocol/commands'/></error>
/// ```
public enum AdHocCommandCondition: String, CaseIterable, Hashable, Sendable {
    /// The responder does not understand the action.
    case malformedAction = "malformed-action"
    /// The responder cannot accept the action at this stage.
    case badAction = "bad-action"
    /// The responder cannot use the requested language.
    case badLocale = "bad-locale"
    /// The payload is not acceptable, such as a form missing a required field.
    case badPayload = "bad-payload"
    /// The session id does not fit the request.
    case badSessionID = "bad-sessionid"
    /// The session has ended: completed, canceled or timed out.
    case sessionExpired = "session-expired"

    /// The general condition §4.4 pairs it with: `not-allowed` for an expired session, else `bad-request`.
    public var generalCondition: StanzaErrorCondition {
        self == .sessionExpired ? .notAllowed : .badRequest
    }
}

/// A `<command/>` that breaks XEP-0050, with the condition to answer it with. Equal by condition.
public struct AdHocCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The specific condition, or nil for a plain `bad-request`.
    public var condition: AdHocCommandCondition?
    /// What is wrong, in words for the requester.
    public var description: String

    public init(_ condition: AdHocCommandCondition?, _ description: String) {
        self.condition = condition
        self.description = description
    }

    public static func == (lhs: AdHocCommandError, rhs: AdHocCommandError) -> Bool {
        lhs.condition == rhs.condition
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(condition)
    }

    /// The stanza error answering the request.
    public var stanzaError: StanzaError {
        guard let condition else { return StanzaError(.badRequest, text: description) }
        return StanzaError(condition, text: description)
    }
}

extension StanzaError {
    /// A XEP-0050 §4.4 error: the general condition, the text, and the specific condition in
    /// `http://jabber.org/protocol/commands`.
    /// - Parameters:
    ///   - condition: The specific condition.
    ///   - text: What is wrong, for the requester.
    public init(_ condition: AdHocCommandCondition, text: String) {
        self.init(
            condition.generalCondition, text: text,
            applicationCondition: XMLElement(name: condition.rawValue, namespace: AdHocCommand.namespace))
    }
}
