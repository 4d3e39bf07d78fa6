import Foundation
import XMPP

extension MirrorBridge {
    /// Handles what the plaintext rooms send the bridge's occupant: its own presences, the room's messages and
    /// subject, errors, and pings or disco#info queries.
    public func received(_ stanza: XMLElement) async -> Bool {
        switch stanza.name {
        case "presence":
            if let presence = try? Presence(element: stanza) { handle(presence) }
            return true
        case "message":
            if let message = try? Message(element: stanza) { await handle(message) }
            return true
        case "iq":
            return answer(stanza)
        default:
            return false
        }
    }

    /// XEP-0045 §7.2.2 and §9: the bridge's own presence says it is in (110) or out; an error presence refuses
    /// its join.
    private func handle(_ presence: Presence) {
        guard let from = presence.from, let nick = from.resourcepart, occupancies[from.bare] != nil else { return }
        let room = from.bare
        let statuses = presence.mucStatusCodes
        let time = now()
        switch presence.type {
        case .error:
            logger.warning(
                "plaintext room refused the mirror's presence",
                metadata: [
                    "bot": "\(context?.jid.description ?? "")", "room": "\(room)",
                    "condition": "\(presence.error?.condition.rawValue ?? "")",
                ]
            )
            update(room) { $0.out(banned: false, now: time) }
        case .available where statuses.contains(110):
            update(room) { $0.ownPresence(nick: nick, created: statuses.contains(201)) }
        case .unavailable where (statuses.contains(110) || presence.destroysRoom) && !statuses.contains(303):
            // XEP-0045 §10.9: a destroyed room's presences carry <destroy/>, not always status 110.
            logger.notice(
                "mirror was removed from a plaintext room",
                metadata: [
                    "bot": "\(context?.jid.description ?? "")", "room": "\(room)",
                    "status": "\(statuses.sorted().map(String.init).joined(separator: ","))",
                ]
            )
            update(room) { $0.out(banned: statuses.contains(301), now: time) }
        default:
            return
        }
    }

    /// A groupchat from a plaintext room: the subject ends a join; a live body from another occupant goes to the
    /// encrypted room. An error saying the bridge is not an occupant makes it rejoin.
    private func handle(_ message: Message) async {
        guard let from = message.from, let encrypted = routes.encrypted(for: from.bare),
            let occupancy = occupancies[from.bare]
        else { return }
        let room = from.bare
        if message.type == .error {
            let condition = message.error?.condition
            logger.notice(
                "plaintext room refused a message of the mirror",
                metadata: [
                    "bot": "\(context?.jid.description ?? "")", "room": "\(room)",
                    "condition": "\(condition?.rawValue ?? "")",
                ]
            )
            if condition == .notAcceptable || condition == .itemNotFound {
                let time = now()
                update(room) { $0.out(banned: false, now: time) }
            }
            return
        }
        guard message.type == .groupchat else { return }
        if message.body == nil,
            let subject = message.payload.element(named: "subject", namespace: message.namespace)
        {
            let ours = subject.text == MirrorText.subject(encrypted: encrypted)
            update(room) { $0.subject(isBridgeSubject: ours) }
            return
        }
        guard let nick = from.resourcepart, let own = occupancy.nick, nick != own, !Self.isDelayed(message),
            let body = message.body, !body.isEmpty, let context
        else { return }
        if await !context.post(MirrorText.encryptedLine(nick: nick, body: body), to: encrypted) {
            logger.warning(
                "mirror cannot post into the encrypted room",
                metadata: ["bot": "\(context.jid)", "room": "\(encrypted)"]
            )
        }
    }

    /// Answers XEP-0199 pings and XEP-0030 disco#info; leaves every other get or set to the runner's error.
    private func answer(_ element: XMLElement) -> Bool {
        guard let iq = try? IQ(element: element) else { return true }
        guard iq.type == .get || iq.type == .set else { return true }
        guard iq.type == .get, let payload = iq.payload else { return false }
        switch payload.namespace {
        case XMPPNamespace.ping:
            context?.send(iq.result().element)
        case XMPPNamespace.discoInfo where payload.attribute("node") == nil:
            var query = XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)
            query.append(DiscoIdentity(category: "client", type: "bot", name: "MLSGate mirror bridge").element)
            for feature in [XMPPNamespace.discoInfo, XMPPNamespace.ping] {
                query.append(
                    XMLElement(
                        name: "feature",
                        namespace: XMPPNamespace.discoInfo,
                        attributes: [XMLAttribute(name: "var", value: feature)]
                    )
                )
            }
            context?.send(iq.result(payload: query).element)
        default:
            return false
        }
        return true
    }

    /// Whether a message carries a delay (XEP-0203, or the legacy XEP-0091): room history, not live.
    static func isDelayed(_ message: Message) -> Bool {
        message.payload.element(named: "delay", namespace: XMPPNamespace.delay) != nil
            || message.payload.element(named: "x", namespace: XMPPNamespace.legacyDelay) != nil
    }
}
