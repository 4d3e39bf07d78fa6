import Logging
import Metrics

extension ComponentConnection: ComponentStreamDelegate {
    func componentStreamDidAuthenticate(_ handler: ComponentStreamHandler) {
        let waiting = state.value.queue.drain()
        if !waiting.isEmpty {
            logger.info("sending stanzas queued while disconnected", metadata: ["count": "\(waiting.count)"])
        }
        for element in waiting {
            handler.send(element)
        }
        state.value.authentications += 1
        authenticated(state.value.authentications)
    }

    func componentStream(_ handler: ComponentStreamHandler, didReceive element: XMLElement) {
        Counter(label: names.stanzasReceived, dimensions: [("kind", Self.kind(of: element))]).increment()
        guard !state.value.deliveryStopped else {
            logger.debug("stanza arrived while stopping", metadata: ["kind": "\(element.name)"])
            return answer(element, StanzaError(.serviceUnavailable, text: "the gateway is shutting down"))
        }
        guard let admitted = pending.admit(element) else {
            Counter(label: names.stanzasRefused, dimensions: [("reason", "pending")]).increment()
            logger.info(
                "refused a stanza: too many stanzas waiting",
                metadata: ["kind": "\(Self.kind(of: element))", "from": "\(PendingStanzaCounter.sender(of: element))"]
            )
            return answer(
                element,
                StanzaError(
                    .resourceConstraint,
                    text: "too many stanzas are waiting to be handled (at most \(pending.perSender) per sender and "
                        + "\(pending.total) in all); try again shortly"
                )
            )
        }
        incomingContinuation.yield(admitted)
    }

    /// Answers a stanza the parser refused with `policy-violation` and the limit it broke, when its sender expects
    /// an answer; only that stanza is lost, never the stream (see ``XMLStreamLimits``).
    func componentStream(_ handler: ComponentStreamHandler, didRefuse refused: RefusedStanza) {
        Counter(label: names.stanzasRefused, dimensions: [("reason", refused.violation.label)]).increment()
        logger.info(
            "refused a stanza over the stream limits",
            metadata: [
                "kind": "\(Self.kind(of: refused.head))", "from": "\(refused.head.attribute("from") ?? "")",
                "reason": "\(refused.violation)",
            ]
        )
        answer(refused.head, StanzaError(.policyViolation, text: "\(refused.violation)"))
    }

    private func answer(_ element: XMLElement, _ error: StanzaError) {
        if let reply = error.replyIfAwaited(to: element) { send(reply) }
    }

    /// The metrics label of a stanza: `message`, `presence`, `iq`, or `other`, so a peer cannot grow the label set.
    static func kind(of element: XMLElement) -> String {
        ["message", "presence", "iq"].contains(element.name) ? element.name : "other"
    }

    func componentStream(_ handler: ComponentStreamHandler, didFail error: ComponentError) {}
}
