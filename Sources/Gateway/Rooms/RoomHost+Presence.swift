import DeliveryService
import Foundation
import XMPP

extension RoomHost {
    /// Handles a presence to `room@domain/nick`: an available one joins (or repeats the occupant's
    /// presence), an unavailable one leaves, an error one drops the occupant.
    func handlePresence(_ presence: Presence) {
        guard let from = presence.from, let to = presence.to, let nick = to.resourcepart else { return }
        let room = to.bare
        switch presence.type {
        case .available:
            join(presence, from: from, room: room, nick: nick)
        case .unavailable:
            remove(jid: from, room: room)
        case .error:
            // A presence the room sent bounced: the occupant's session is gone: it is removed
            // with status 333 (XEP-0045 "Service removes user because of error response").
            remove(jid: from, room: room, status: 333)
        default:
            return
        }
    }

    /// XEP-0045 §7.2: the other occupants' presences, then the joiner's presence to everyone (its own with
    /// status 110), then the history, then the subject.
    private func join(_ presence: Presence, from: JID, room: JID, nick: String) {
        guard !configuration.reservedJIDs.contains(room) else {
            refuse(presence, StanzaError(.notAllowed, text: "\(room) is not a room"))
            return
        }
        let roster = rosters[room] ?? RoomRoster()
        if let existing = roster.occupant(jid: from) {
            guard Nickname.same(existing.nick, nick) else {
                refuse(presence, StanzaError(.notAcceptable, text: "changing nick is not supported; leave and rejoin"))
                return
            }
            send(occupantPresence(existing, room: room, to: from, statuses: [110, 100]))
            return
        }
        do throws(StanzaError) {
            let occupantJID = try admit(from: from, room: room, nick: nick, roster: roster)
            let history = try open(room, for: presence, from: from)
            enter(RoomOccupant(nick: nick, jid: from, roomJID: occupantJID, joinedAt: now()), room: room, history: history)
        } catch {
            refuse(presence, error)
        }
    }

    /// Whether a new occupant may enter: the presence rate, a free nick, room in the room.
    /// - Returns: The occupant JID, `room@domain/nick`.
    private func admit(from: JID, room: JID, nick: String, roster: RoomRoster) throws(StanzaError) -> JID {
        // Only entering costs every occupant a presence; an occupant's own updates are answered alone, so a
        // client's status change in many rooms is never refused. MLSGate's own bots and bridges rejoin all their
        // rooms at start, and are not limited.
        guard configuration.reservedJIDs.contains(from.bare) || presenceRate.admit(from, now: now()) else {
            throw StanzaError(
                .resourceConstraint, type: .wait,
                text: "too many room joins; at most \(configuration.limits.presencesPerMinute) a minute")
        }
        guard roster.occupant(nick: nick) == nil else {
            throw StanzaError(.conflict, text: "the nick \(nick) is taken in this room")
        }
        // XEP-0045 §7.2.10: a full room refuses with service-unavailable.
        guard roster.occupants.count < configuration.limits.maxOccupants else {
            throw StanzaError(
                .serviceUnavailable, type: .wait,
                text: "the room is full: it holds at most \(configuration.limits.maxOccupants) occupants")
        }
        guard !Nickname.isInvisible(nick), let occupantJID = try? room.withResource(nick) else {
            throw StanzaError(.jidMalformed, text: "'\(nick)' is not a valid nick")
        }
        return occupantJID
    }

    /// Opens the room, creating it when it is new (XEP-0045 §10.1: whoever creates the room owns it), checks
    /// that the joiner may be an occupant, and reads the history the join asked for.
    private func open(_ room: JID, for presence: Presence, from: JID) throws(StanzaError) -> [StoredMessage] {
        do throws(SequencerError) {
            let created = try sequencer.openRoom(
                room, settings: RoomSettings(policy: configuration.defaultPolicy, owners: [from.bare.description]),
                creator: from,
                maximumRoomsPerCreator: configuration.reservedJIDs.contains(from.bare)
                    ? nil : configuration.limits.maxRoomsPerUser)
            if created {
                settingsCache[room] = nil
            }
        } catch {
            if error.code == .tooManyRooms {
                logger.info("refused a room", metadata: ["room": "\(room)", "creator": "\(from.bare)"])
            } else {
                logger.error("cannot open room", metadata: ["room": "\(room)", "error": "\(error)"])
            }
            throw StanzaError(error)
        }
        let settings = try self.settings(for: room)
        _ = try followedState(room)
        guard mayStay(from, room: room, settings: settings) else {
            throw StanzaError(
                .registrationRequired, text: "this room admits only members of its MLS group, and its owners and admins")
        }
        do throws(SequencerError) {
            return try sequencer.latest(room: room, limit: historyLimit(presence))
        } catch {
            logger.error("cannot open room", metadata: ["room": "\(room)", "error": "\(error)"])
            throw StanzaError(error)
        }
    }

    /// The occupant enters: presences both ways, its own with statuses 110 and 100, then history and subject.
    private func enter(_ occupant: RoomOccupant, room: JID, history: [StoredMessage]) {
        var roster = rosters[room] ?? RoomRoster()
        for other in roster.occupants {
            send(occupantPresence(other, room: room, to: occupant.jid, statuses: []))
        }
        for other in roster.occupants {
            send(occupantPresence(occupant, room: room, to: other.jid, statuses: []))
        }
        roster.add(occupant)
        rosters[room] = roster
        send(occupantPresence(occupant, room: room, to: occupant.jid, statuses: [110, 100]))
        for message in history {
            send(historyMessage(message, room: room, to: occupant.jid))
        }
        let subject = XMLElement(name: "subject", namespace: XMPPNamespace.component)
        send(Message(type: .groupchat, from: room, to: occupant.jid, payload: [subject]).element)
    }

    /// Removes the occupant joined from a full JID and tells everyone, it included (status 110): with no status
    /// when it left (XEP-0045 §7.14), else with the status saying why it was removed.
    func remove(jid: JID, room: JID, status: Int? = nil, reason: String? = nil) {
        guard var roster = rosters[room], let occupant = roster.remove(jid: jid) else { return }
        rosters[room] = roster.occupants.isEmpty ? nil : roster
        let statuses = status.map { [$0] } ?? []
        for other in roster.occupants {
            send(occupantPresence(occupant, room: room, to: other.jid, statuses: statuses, unavailable: true, reason: reason))
        }
        send(occupantPresence(
            occupant, room: room, to: occupant.jid, statuses: [110] + statuses, unavailable: true, reason: reason))
    }

    /// How many history messages a join asked for: `maxchars='0'` or `maxstanzas='0'` means none.
    private func historyLimit(_ presence: Presence) -> Int {
        let history = presence.payload.first { $0.name == "x" && $0.namespace == XMPPNamespace.muc }?
            .child(named: "history", namespace: XMPPNamespace.muc)
        if history?.attribute("maxchars") == "0" { return 0 }
        if let text = history?.attribute("maxstanzas"), let wanted = Int(text), wanted >= 0 {
            return min(wanted, configuration.historyStanzas)
        }
        return configuration.historyStanzas
    }

    /// Removes an occupant, telling it and everyone why: status 321 when it lost its membership (XEP-0045
    /// §9.7), 322 when the room became members-only (§10.2).
    func kick(_ occupant: RoomOccupant, room: JID, status: Int, reason: String) {
        remove(jid: occupant.jid, room: room, status: status, reason: reason)
    }

    /// An occupant's presence as the room sends it: `from='room/nick'`, a muc#user item with the real JID
    /// (rooms are non-anonymous: MLS credentials name JIDs anyway) and its affiliation, the status codes, and
    /// one `<member xmlns='urn:xmpp:mls:0' leaf='N'/>` per leaf its JID holds in the group the room follows.
    func occupantPresence(
        _ occupant: RoomOccupant,
        room: JID,
        to: JID,
        statuses: [Int],
        unavailable: Bool = false,
        reason: String? = nil
    ) -> XMLElement {
        var x = XMLElement(name: "x", namespace: XMPPNamespace.mucUser)
        let leaves = leaves(of: occupant.jid, room: room)
        let settings = settingsCache[room]
        let bare = occupant.jid.bare.description
        let affiliation =
            if settings?.owners.contains(bare) == true { "owner" }
            else if settings?.admins.contains(bare) == true { "admin" }
            else if !leaves.isEmpty { "member" }
            else { "none" }
        var item = XMLElement(
            name: "item",
            namespace: XMPPNamespace.mucUser,
            attributes: [
                XMLAttribute(name: "affiliation", value: affiliation),
                XMLAttribute(name: "role", value: unavailable ? "none" : "participant"),
                XMLAttribute(name: "jid", value: occupant.jid.description),
            ]
        )
        if let reason { item.append(XMLElement(name: "reason", namespace: XMPPNamespace.mucUser, text: reason)) }
        x.append(item)
        for code in statuses {
            x.append(
                XMLElement(
                    name: "status",
                    namespace: XMPPNamespace.mucUser,
                    attributes: [XMLAttribute(name: "code", value: String(code))]
                )
            )
        }
        var payload = [x]
        if !unavailable {
            for leaf in leaves {
                payload.append(XMLElement(
                    name: "member", namespace: MLSNamespace.mls,
                    attributes: [XMLAttribute(name: "leaf", value: String(leaf.rawValue))]))
            }
        }
        return Presence(
            type: unavailable ? .unavailable : .available, from: occupant.roomJID, to: to, payload: payload
        ).element
    }

    /// A stored message as room history: as it was reflected, plus a XEP-0203 `<delay/>`.
    private func historyMessage(_ message: StoredMessage, room: JID, to: JID) -> XMLElement {
        let sender = (try? JID(message.sender)) ?? room
        let mls = XMLElement(name: "mls", namespace: MLSNamespace.mls, text: Base64Field.encode(message.payload))
        let delay = XMLElement(
            name: "delay",
            namespace: XMPPNamespace.delay,
            attributes: [
                XMLAttribute(name: "from", value: room.description),
                XMLAttribute(name: "stamp", value: Self.timestamp(message.acceptedAt)),
            ]
        )
        return Message(
            type: .groupchat, from: sender, to: to, payload: [mls, delay, stanzaID(message.stanzaID, room: room)]
        ).element
    }

    /// A XEP-0082 timestamp in UTC.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private func refuse(_ presence: Presence, _ error: StanzaError) {
        if let reply = presence.errorReply(error) { send(reply) }
    }
}
