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
        if let state = followed[room] { return state }
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
            followed[room] = state
            return state
        } catch {
            logger.error("the saved group state of a room cannot be read", metadata: ["room": "\(room)", "error": "\(error)"])
            throw StanzaError(.internalServerError, text: "the room's saved group state cannot be read")
        }
    }

    /// Runs the ``RoomGuard`` on a submitted message.
    func checkHandshake(
        _ payload: [UInt8], sender: JID, room: JID, ratchetTree: XMLElement?, groupInfo: [UInt8]?
    ) async throws(SequencerError) -> RoomGuard.Verdict {
        guard let message = try? MLSMessage(tlsEncoded: payload) else { return RoomGuard.Verdict() }  // the sequencer names it
        let settings: RoomSettings
        let state: PublicGroup?
        do throws(StanzaError) {
            settings = try self.settings(for: room)
            state = try followedState(room)
        } catch {
            throw SequencerError(.storage, error.text ?? "the room cannot be read")
        }
        // Application messages, and all messages of rooms that do not follow their group, need no more.
        guard case .publicMessage = message.body, settings.policy.handshakes == .publicMessage else {
            return try await roomGuard.check(
                message, sender: sender.description, settings: settings, state: state, bootstrap: RoomGuard.Bootstrap())
        }
        let roomBound = try sequencer.currentEpoch(room: room) != nil
        let serviceKey = state.flatMap { try? serviceSender(suite: $0.cipherSuite).sender.signatureKey }
        var bootstrap = RoomGuard.Bootstrap()
        if let groupInfo, case .groupInfo(let info)? = (try? MLSMessage(tlsEncoded: groupInfo))?.body {
            bootstrap.groupInfo = info
        }
        if let ratchetTree {
            let bytes: [UInt8]
            do throws(StanzaError) {
                bytes = try Base64Field.decode(ratchetTree, what: "a ratchet tree")
            } catch {
                throw SequencerError(.invalidHandshake, error.text ?? "the ratchet tree is not base64")
            }
            do {
                bootstrap.ratchetTree = try RatchetTreeNodes(tlsEncoded: bytes)
            } catch {
                throw SequencerError(.invalidHandshake, "<ratchet-tree/> is not a TLS-encoded ratchet tree: \(error)")
            }
            if let text = ratchetTree.attribute("cipher-suite") {
                guard let value = UInt16(text) else {
                    throw SequencerError(.invalidHandshake, "cipher-suite='\(text)' is not a number")
                }
                bootstrap.cipherSuite = CipherSuite(rawValue: value)
            }
        }
        return try await roomGuard.check(
            message, sender: sender.description, settings: settings, state: state, bootstrap: bootstrap,
            roomBound: roomBound, serviceKey: serviceKey)
    }

    /// The leaves of a bare JID in the group the room follows.
    func leaves(of jid: JID, room: JID) -> [LeafIndex] {
        followed[room]?.members.filter { $0.leaf.credential.jid == jid.bare }.map(\.index) ?? []
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
        let changed = Set((commit.added + commit.removed).compactMap { $0.leaf.credential.jid })
        let occupants = rosters[room]?.occupants ?? []
        for occupant in occupants {
            var notice = stanza("message", from: room, to: occupant.jid, type: "groupchat")
            notice.append(XMLElement(name: "body", namespace: XMPPNamespace.component, text: text))
            notice.append(membership)
            send(notice)
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
        if settings.administers(jid.bare.description) { return true }
        return !leaves(of: jid, room: room).isEmpty
    }
}
