import XMPP

/// Answers every text message with the same text after `echo: `.
public struct EchoBot: Bot {
    public init() {}

    public func messageReceived(_ envelope: SCEEnvelope, sender: JID?, room: JID) async -> [String] {
        guard let body = envelope.body else { return [] }
        return ["echo: \(body)"]
    }
}
