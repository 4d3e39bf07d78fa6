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
        let declining: String? =
            if let bridge, !bridge.serves(room) {
                "bridge declined a Welcome to a room it does not serve"
            } else if rooms[room]?.group.status == .active {
                // Only a removal frees the room: a second Welcome would replace a group the bot is in.
                "bot declined a Welcome to a room whose group it is already in"
            } else {
                nil
            }
        if let declining {
            bundles[ref] = nil
            do {
                try stateStore.save([], deleting: [(kind: StateKind.keyPackage, name: ref.hexString)], bot: jid)
            } catch {
                logger.error("bot cannot delete a used KeyPackage", metadata: ["bot": "\(jid)", "error": "\(error)"])
            }
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

    /// Enters a room as an occupant, without history: catch-up reads it through the history IQ instead.
    func enter(_ room: JID) async {
        guard let occupant = try? room.withResource(nick) else { return }
        var presence = stanza("presence", to: occupant)
        var x = XMLElement(name: "x", namespace: XMPPNamespace.muc)
        x.append(
            XMLElement(
                name: "history",
                namespace: XMPPNamespace.muc,
                attributes: [XMLAttribute(name: "maxstanzas", value: "0")]
            )
        )
        presence.append(x)
        _ = await route(presence)
    }

    /// Processes the room's messages after the last one the bot has, page by page, through the history IQ.
    func catchUp(_ room: JID) async {
        var after = rooms[room]?.lastStanzaID
        while rooms[room] != nil {
            var request = XMLElement(name: "history", namespace: MLSNamespace.mls)
            request.setAttribute("after", to: after)
            var iq = stanza("iq", to: room, type: "get")
            iq.append(request)
            let replies = await route(iq)
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

    /// Processes one accepted room message, in order.
    func process(_ payload: [UInt8], room: JID, senderNick: String?, stanzaID: String?) async {
        guard var state = rooms[room] else { return }
        if let stanzaID, state.seen.contains(stanzaID) { return }
        guard let message = try? MLSMessage(tlsEncoded: payload) else {
            state.processed(stanzaID)
            rooms[room] = state
            return
        }
        // The bot cannot decrypt its own application messages, and has nothing to learn from them.
        if senderNick == nick, case .privateMessage(let sealed) = message.body, sealed.contentType == .application {
            state.processed(stanzaID)
            rooms[room] = state
            saveRoom(room)
            return
        }
        let before = Dictionary(state.group.members.map { ($0.index, $0.leaf.credential) }) { first, _ in first }
        var group = state.group
        let processed: ProcessedMessage
        do {
            processed = try await group.process(message)
        } catch {
            if group.hasPendingCommit {
                // Another member's commit won the epoch: ours will be refused, so drop it and process theirs.
                group.discardPendingCommit()
                do {
                    processed = try await group.process(message)
                } catch {
                    skip(room: room, stanzaID: stanzaID, error: error)
                    return
                }
            } else {
                skip(room: room, stanzaID: stanzaID, error: error)
                return
            }
        }
        // The actor may have run something else while the group processed: a room left meanwhile stays left.
        guard rooms[room] != nil else { return }
        state.group = group
        state.processed(stanzaID)
        var replies: [String] = []
        switch processed {
        case .application(let application):
            let verdict = state.envelopes.admit(
                application, currentEpoch: group.epoch, pastEpochs: group.configuration.pastEpochs, room: room)
            rooms[room] = state
            saveRoom(room)
            switch verdict {
            case .accepted(let envelope, let sender):
                replies = await bot.messageReceived(envelope, sender: sender, room: room)
            case .refused(let refusal):
                // The reason only: neither the plaintext nor the claimed sender is logged.
                logger.debug(
                    "bot dropped an application message",
                    metadata: [
                        "bot": "\(jid)", "room": "\(room)", "epoch": "\(application.epoch)",
                        "leaf": "\(application.sender.rawValue)", "reason": "\(refusal)",
                    ]
                )
                return
            }
        case .proposal:
            rooms[room] = state
            saveRoom(room)
        case .commit(let summary):
            if summary.removedSelf {
                await removed(from: room)
                return
            }
            if summary.isOwnCommit {
                state.sinceUpdate = 0
                state.lastUpdate = now()
            }
            rooms[room] = state
            saveRoom(room)
            for leaf in summary.removed {
                replies += await bot.memberRemoved(before[leaf]?.jid, room: room)
            }
            for leaf in summary.added {
                let credential = group.members.first { $0.index == leaf }?.leaf.credential
                replies += await bot.memberAdded(credential?.jid, room: room)
            }
        }
        await send(replies, room: room)
    }

    /// A message the bot's group refuses (an older epoch, a replay, garbage) is skipped and counted as seen.
    private func skip(room: JID, stanzaID: String?, error: GroupError) {
        logger.debug("bot skipped a room message", metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"])
        guard var state = rooms[room] else { return }
        state.sinceUpdate -= 1
        state.processed(stanzaID)
        rooms[room] = state
        saveRoom(room)
    }

    /// The bot was removed, or its room destroyed: forget the group and leave the room.
    func removed(from room: JID) async {
        logger.info("bot was removed from a group", metadata: ["bot": "\(jid)", "room": "\(room)"])
        await forget(room)
    }

    /// Forgets a room's group, leaves the room and tells the bot.
    func forget(_ room: JID) async {
        drop(room)
        await exit(room)
    }

    /// Forgets a room's group, in memory and in the database, at once.
    func drop(_ room: JID) {
        rooms[room] = nil
        do {
            try stateStore.save([], deleting: [(kind: StateKind.room, name: room.description)], bot: jid)
        } catch {
            logger.error("bot cannot delete a room's state", metadata: ["bot": "\(jid)", "error": "\(error)"])
        }
    }

    /// Leaves the room as an occupant and tells the bot.
    func exit(_ room: JID) async {
        if let occupant = try? room.withResource(nick) {
            _ = await route(stanza("presence", to: occupant, type: "unavailable"))
        }
        await bot.removed(room: room)
    }

    /// Encrypts each body in an envelope and submits it to the room.
    /// - Returns: Whether every body was submitted.
    @discardableResult
    func send(_ bodies: [String], room: JID) async -> Bool {
        for body in bodies {
            guard var state = rooms[room] else { return false }
            // At least 16 random characters of padding: two envelopes with the same text made in the same second
            // still differ, so that no receiver takes the second for a replay of the first.
            let envelope = SCEEnvelope(
                body: body, from: jid, date: now(), rpad: SCEEnvelope.randomPadding(lengths: 16..<48))
            let message: MLSMessage
            do {
                message = try state.group.encrypt(envelope.serialized())
            } catch {
                logger.warning(
                    "bot cannot encrypt", metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"])
                return false
            }
            state.sinceUpdate += 1
            rooms[room] = state
            saveRoom(room)
            await submit(message, groupInfo: nil, room: room)
        }
        return true
    }

    /// Commits a leaf update in every room where one is due.
    /// - Returns: Whether anything was submitted, so its reflection waits in the inbox.
    func updateLeaves() async -> Bool {
        var submitted = false
        for room in roomJIDs() {
            guard var state = rooms[room], !state.group.hasPendingCommit,
                schedule.isDue(messages: state.sinceUpdate, since: state.lastUpdate, now: now())
            else { continue }
            let output: CommitOutput
            do {
                output = try await state.group.commit(state.group.commitBuilder().withPath())
            } catch {
                logger.warning(
                    "bot cannot update its leaf", metadata: ["bot": "\(jid)", "room": "\(room)", "error": "\(error)"])
                state.sinceUpdate = 0
                state.lastUpdate = now()
                rooms[room] = state
                continue
            }
            rooms[room] = state
            saveRoom(room)
            await submit(output.commit, groupInfo: output.groupInfo, room: room)
            submitted = true
        }
        return submitted
    }

    /// Sends a group message to the room.
    /// - Returns: The room's replies to the sender: an error when it refused the message.
    @discardableResult
    func submit(_ message: MLSMessage, groupInfo: MLSMessage?, room: JID) async -> [XMLElement] {
        var element = stanza("message", to: room, type: "groupchat", id: UUID().uuidString)
        element.append(
            XMLElement(name: "mls", namespace: MLSNamespace.mls, text: Base64Field.encode(message.tlsEncoded)))
        if let groupInfo {
            element.append(
                XMLElement(
                    name: "group-info", namespace: MLSNamespace.mls, text: Base64Field.encode(groupInfo.tlsEncoded))
            )
        }
        return await route(element)
    }

    /// A stanza from the bot's full JID.
    func stanza(_ name: String, to: JID, type: String? = nil, id: String? = nil) -> XMLElement {
        var element = XMLElement(name: name, namespace: XMPPNamespace.component)
        element.setAttribute("from", to: fullJID.description)
        element.setAttribute("to", to: to.description)
        element.setAttribute("type", to: type)
        element.setAttribute("id", to: id ?? (name == "message" ? nil : UUID().uuidString))
        return element
    }
}
