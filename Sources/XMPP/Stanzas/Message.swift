/// A message stanza, RFC 6120 §8.2.1 and RFC 6121 §5.
public typealias Message = PayloadStanza<MessageKind>

/// The 'type' attribute of a message, RFC 6121 §5.2.2.
public enum MessageKind: String, PayloadStanzaKind {
    case chat, error, groupchat, headline, normal

    public static var elementName: String { "message" }
    public static var unwritten: MessageKind { .normal }

    /// A missing or unknown 'type' reads as ``normal`` (RFC 6121 §5.2.2).
    public init(attribute: String?) {
        self = attribute.flatMap(Self.init(rawValue:)) ?? .normal
    }
}

extension Message {
    /// The text of the first `<body/>` in the content namespace.
    public var body: String? {
        payload.first { $0.name == "body" && $0.namespace == namespace }?.text
    }
}
