import Foundation
import MLS
import XMPP

extension BotRunner {
    /// A Welcome for the bot: joins the group with the bundle it names, enters the room and catches up. A bridge
    /// declines a Welcome to a room it does not serve: the bundle is forgotten and nothing else happens.
    func join(_ element: XMLElement, room: JID, stanzaID: String?) async {
        guard let client, let bytes = try? Base64Field.decode(element, what: "a Welcome"),
            let message = try? MLSMessage(tlsEncoded: bytes), case .welcome(let welcome) = message.body
        else {
            logger.warning("unreadable Welcome for a bot", metadata: ["bot": "\(jid)", "room": "\(room)"])
            return
        }
        guard let ref = welcome.secrets.map(\.newMember).first(where: { bundles[$0] != nil }),
            let bundle = bundles[ref]
        else {
            logger.warning(
                "Welcome names none of the bot's KeyPackages", metadata: ["bot": "\(jid)", "room": "\(room)"])
            return
        }
        if let declining = declineReason(room: room) {
            bundles[ref] = nil
            delete(StateKind.keyPackage, [ref.hexString], what: "a used KeyPackage")
            logger.notice("\(declining)", metadata: ["bot": "\(jid)", "room": "\(room)"])
            return
        }
        let group: Group
        do {
            group = try await client.join(message, keyPackage: bundle)
        } catch {
            logger.warning(
                "bot cannot join from a Welcome",
                metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"]
            )
            return
        }
        bundles[ref] = nil
        rooms[room] = BotRoom(group: group, lastStanzaID: stanzaID, sinceUpdate: 0, lastUpdate: now())
        saveRoom(room, deletingKeyPackage: ref)
        logger.info("bot joined a group", metadata: ["bot": "\(jid)", "room": "\(room)", "epoch": "\(group.epoch)"])
        await enter(room)
        await catchUp(room)
        await send(await bot.joined(room: room), room: room)
        do {
            try replenish()
        } catch {
            logger.error("bot cannot publish KeyPackages", metadata: ["bot": "\(jid)", "error": "\(error)"])
        }
    }

    /// Why the bot declines a Welcome to a room, or nil when it accepts it.
    private func declineReason(room: JID) -> String? {
        if let bridge, !bridge.serves(room) {
            "bridge declined a Welcome to a room it does not serve"
        } else if rooms[room]?.group.status == .active {
            // Only a removal frees the room: a second Welcome would replace a group the bot is in.
            "bot declined a Welcome to a room whose group it is already in"
        } else {
            nil
        }
    }

    /// Enters a room as an occupant, without history: catch-up reads it through the history IQ instead.
    func enter(_ room: JID) async {
        guard let occupant = try? room.withResource(nick) else { return }
        _ = await route(Presence.mucEnter(id: UUID().uuidString, from: fullJID, to: occupant).element)
    }

    /// Processes the room's messages after the last one the bot has, page by page, through the history IQ.
    func catchUp(_ room: JID) async {
        var after = rooms[room]?.lastStanzaID
        while rooms[room] != nil {
            var request = XMLElement(name: "history", namespace: MLSNamespace.mls)
            request.setAttribute("after", to: after)
            let replies = await route(
                IQ(type: .get, id: UUID().uuidString, from: fullJID, to: room, payload: request).element)
            guard let result = replies.first(where: { $0.attribute("type") == "result" }),
                let page = result.child(named: "history", namespace: MLSNamespace.mls)
            else {
                logger.warning("bot cannot read a room's history", metadata: ["bot": "\(jid)", "room": "\(room)"])
                return
            }
            let items = page.elements.filter { $0.name == "message" }
            for item in items {
                guard let mls = item.child(named: "mls", namespace: MLSNamespace.mls),
                    let payload = try? Base64Field.decode(mls, what: "an MLSMessage")
                else { continue }
                let sender = item.attribute("from").flatMap { try? JID($0) }
                await process(
                    payload, room: room, senderNick: sender?.resourcepart, stanzaID: item.attribute("stanza-id"))
            }
            if page.attribute("complete") == "true" || items.isEmpty { return }
            after = items.last?.attribute("stanza-id")
        }
    }
}
