import DeliveryService
import Foundation
import MLS
import XMPP

extension RoomHost {
    /// The room's policy and affiliations: saved ones, or the default policy without owners for a room saved
    /// before it had settings.
    func settings(for room: JID) throws(StanzaError) -> RoomSettings {
        if let cached = settingsCache[room] { return cached }
        let saved: RoomSettings?
        do {
            saved = try sequencer.settings(room: room)
        } catch {
            throw StanzaError(error)
        }
        let settings = saved ?? RoomSettings(policy: configuration.defaultPolicy, owners: [])
        settingsCache[room] = settings
        return settings
    }

    /// The group state the room follows, or nil when it follows none yet.
    func followedState(_ room: JID) throws(StanzaError) -> PublicGroup? {
        if let state = followed[room]?.state { return state }
        let bytes: [UInt8]?
        do {
            bytes = try sequencer.publicState(room: room)
        } catch {
            throw StanzaError(error)
        }
        guard let bytes else { return nil }
        do {
            let state = try PublicGroup.load(
                serializedState: bytes, crypto: roomGuard.crypto, services: roomGuard.services)
            followed[room, default: FollowedGroup()].load(state)
            return state
        } catch {
            logger.error("the saved group state of a room cannot be read", metadata: ["room": "\(room)", "error": "\(error)"])
            throw StanzaError(.internalServerError, text: "the room's saved group state cannot be read")
        }
    }

    /// Runs the ``RoomGuard`` on a decoded message.
    func checkHandshake(_ stanza: RoomStanza, sender: JID, room: JID) async throws(StanzaError) -> RoomGuard.Verdict {
        let settings = try self.settings(for: room)
        let state = try followedState(room)
        var context = RoomGuard.Context(sender: sender, settings: settings)
        // Only PublicMessage handshakes of rooms that follow their group need to know more.
        if case .publicMessage = stanza.submission.message.body, settings.policy.handshakes == .publicMessage {
            do throws(SequencerError) {
                context.roomBound = try sequencer.currentEpoch(room: room) != nil
            } catch {
                throw StanzaError(error)
            }
            context.serviceKey = state.flatMap { try? serviceSender(suite: $0.cipherSuite).sender.signatureKey }
        }
        do throws(RoomError) {
            return try await roomGuard.check(
                stanza.submission.message, context: context, state: state, bootstrap: stanza.bootstrap)
        } catch {
            throw StanzaError(error)
        }
    }

    /// The leaves of a bare JID in the group the room follows.
    func leaves(of jid: JID, room: JID) -> [LeafIndex] {
        followed[room]?.state?.members.filter { $0.leaf.credential.jid == jid.bare }.map(\.index) ?? []
    }

    /// Announces a commit's membership changes to every occupant (a groupchat message from the room with a
    /// `<body/>` and `<membership xmlns='urn:xmpp:mls:0'/>`), then sends the new presence of each occupant
    /// whose membership changed, and removes occupants who may no longer stay.
    func announce(_ commit: PublicCommit, room: JID, stanzaID: String) {
        guard !commit.added.isEmpty || !commit.removed.isEmpty else { return }
        var membership = XMLElement(
            name: "membership", namespace: MLSNamespace.mls,
            attributes: [XMLAttribute(name: "epoch", value: String(commit.epoch))])
        var sentences: [String] = []
        for (kind, entries) in [("added", commit.added), ("removed", commit.removed)] {
            for entry in entries {
                let jid = entry.leaf.credential.jid
                var item = XMLElement(
                    name: kind, namespace: MLSNamespace.mls,
                    attributes: [XMLAttribute(name: "leaf", value: String(entry.index.rawValue))])
                item.setAttribute("jid", to: jid?.description)
                membership.append(item)
                sentences.append("\(jid?.description ?? "leaf \(entry.index.rawValue)") was \(kind)")
            }
        }
        let text = "Group membership changed in epoch \(commit.epoch): " + sentences.joined(separator: ", ") + "."
        let body = XMLElement(name: "body", namespace: XMPPNamespace.component, text: text)
        let changed = Set((commit.added + commit.removed).compactMap { $0.leaf.credential.jid })
        let occupants = rosters[room]?.occupants ?? []
        for occupant in occupants {
            send(Message(type: .groupchat, from: room, to: occupant.jid, payload: [body, membership]).element)
        }
        for occupant in occupants where changed.contains(occupant.jid.bare) {
            for other in occupants {
                send(occupantPresence(occupant, room: room, to: other.jid, statuses: other.jid == occupant.jid ? [110] : []))
            }
        }
        guard let settings = try? settings(for: room), settings.policy.occupants == .membersOnly else { return }
        for occupant in occupants where changed.contains(occupant.jid.bare) && !mayStay(occupant.jid, room: room, settings: settings) {
            kick(occupant, room: room, status: 321, reason: "removed from the group of a members-only room")
        }
    }

    /// Whether a JID may be an occupant of the room under its policy.
    func mayStay(_ jid: JID, room: JID, settings: RoomSettings) -> Bool {
        guard settings.policy.occupants == .membersOnly else { return true }
        if settings.administers(jid) { return true }
        return !leaves(of: jid, room: room).isEmpty
    }
}
