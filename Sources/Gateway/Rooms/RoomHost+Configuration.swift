import DeliveryService
import MLS
import XMPP

extension RoomHost {
    /// XEP-0045 §10.2: an owner gets the configuration form, or submits it (or an empty submit, which keeps
    /// the settings, §10.1.2; or a cancel).
    func handleOwnerIQ(_ iq: IQ) throws(StanzaError) -> XMLElement {
        guard let to = iq.to, let from = iq.from, let payload = iq.payload else {
            throw StanzaError(.badRequest, text: "a room configuration request needs a room and a query")
        }
        let room = to.bare
        let exists: Bool
        do {
            exists = try sequencer.roomExists(room)
        } catch {
            throw StanzaError(error)
        }
        guard exists else { throw StanzaError(.itemNotFound, text: "no room \(room)") }
        let current = try settings(for: room)
        guard current.owners.contains(from.bare.description) || configuration.serviceAdmins.contains(from.bare) else {
            throw StanzaError(.forbidden, text: "only the room's owners may configure it")
        }
        let query = XMLElement(name: "query", namespace: XMPPNamespace.mucOwner)
        if iq.type == .get {
            var answer = query
            answer.append(RoomPolicyForm.form(current).element)
            return answer
        }
        guard let formElement = payload.child(named: "x", namespace: DataForm.namespace) else {
            throw StanzaError(.badRequest, text: "submit the configuration as <x xmlns='jabber:x:data' type='submit'/>")
        }
        let form: DataForm
        do {
            form = try DataForm(formElement)
        } catch {
            throw StanzaError(.badRequest, text: error.description)
        }
        switch form.kind {
        case .cancel:
            return query
        case .submit:
            break
        default:
            throw StanzaError(.badRequest, text: "a configuration form must be submitted or cancelled")
        }
        let updated = try RoomPolicyForm.apply(form, to: current)
        let stopsFollowing = updated.policy.handshakes == .privateAllowed && current.policy.handshakes == .publicMessage
        do {
            try sequencer.setSettings(updated, room: room, forgetPublicState: stopsFollowing)
        } catch {
            throw StanzaError(error)
        }
        settingsCache[room] = updated
        if stopsFollowing { followed[room, default: FollowedGroup()].install(nil) }
        if updated != current {
            // A handshake being checked against the old settings must be checked again.
            followed[room, default: FollowedGroup()].invalidateChecks()
            announcePolicy(updated, room: room)
            let status = updated.policy.occupants == .membersOnly && current.policy.occupants != .membersOnly ? 322 : 321
            for occupant in rosters[room]?.occupants ?? [] where !mayStay(occupant.jid, room: room, settings: updated) {
                kick(occupant, room: room, status: status, reason: "the room admits only members of its MLS group")
            }
        }
        return query
    }

    /// Tells the occupants that the configuration changed (XEP-0045 §10.2.1 status 104), with the new policy.
    private func announcePolicy(_ settings: RoomSettings, room: JID) {
        let body = XMLElement(
            name: "body", namespace: XMPPNamespace.component,
            text: "The room's policy changed: \(Self.describe(settings.policy)).")
        var x = XMLElement(name: "x", namespace: XMPPNamespace.mucUser)
        x.append(XMLElement(
            name: "status", namespace: XMPPNamespace.mucUser, attributes: [XMLAttribute(name: "code", value: "104")]))
        for occupant in rosters[room]?.occupants ?? [] {
            send(Message(type: .groupchat, from: room, to: occupant.jid, payload: [body, x]).element)
        }
    }

    /// The policy in one sentence.
    static func describe(_ policy: RoomPolicy) -> String {
        [
            policy.membershipChanges == .anyone ? "any member may add and remove" : "owners and admins add and remove",
            policy.externalJoins ? "external joins allowed" : "no external joins",
            policy.handshakes == .publicMessage ? "handshakes as PublicMessage" : "PrivateMessage handshakes allowed",
            policy.occupants == .anyone ? "anyone may enter" : "only members may enter",
            policy.idleEvictionEpochs == 0 ? "no idle eviction" : "idle members removed after \(policy.idleEvictionEpochs) epochs",
        ].joined(separator: ", ")
    }

    /// XEP-0030 disco#info on a room: a non-anonymous, persistent MUC room carrying MLS, with its policy as
    /// XEP-0128 extended information.
    func handleRoomInfo(_ iq: IQ) throws(StanzaError) -> XMLElement {
        guard let to = iq.to else { throw StanzaError(.badRequest) }
        let room = to.bare
        guard iq.payload?.attribute("node") == nil else { throw StanzaError(.itemNotFound) }
        let exists: Bool
        let epoch: UInt64?
        do {
            exists = try sequencer.roomExists(room)
            epoch = exists ? try sequencer.currentEpoch(room: room) : nil
        } catch {
            throw StanzaError(error)
        }
        guard exists else { throw StanzaError(.itemNotFound, text: "no room \(room)") }
        let settings = try settings(for: room)
        let state = try followedState(room)
        var query = XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)
        query.append(XMLElement(
            name: "identity", namespace: XMPPNamespace.discoInfo,
            attributes: [
                XMLAttribute(name: "category", value: "conference"), XMLAttribute(name: "type", value: "text"),
                XMLAttribute(name: "name", value: room.localpart ?? room.description),
            ]))
        var features = [
            XMPPNamespace.muc, XMPPNamespace.mucSelfPing, "muc_nonanonymous", "muc_persistent", "muc_unmoderated", "muc_public", MLSNamespace.mls,
            settings.policy.occupants == .membersOnly ? "muc_membersonly" : "muc_open",
        ]
        features.sort()
        for feature in features {
            query.append(XMLElement(
                name: "feature", namespace: XMPPNamespace.discoInfo, attributes: [XMLAttribute(name: "var", value: feature)]))
        }
        var info = RoomPolicyForm.info(settings, epoch: epoch, members: state?.members.count)
        let suite = state?.cipherSuite ?? .mls128DHKEMX25519AES128GCMSHA256Ed25519
        do {
            let sender = try serviceSender(suite: suite).sender
            info.fields.append(DataFormField(variable: "cipher-suite", values: [String(suite.rawValue)]))
            info.fields.append(DataFormField(variable: "external-sender", values: [Base64Field.encode(sender.tlsEncoded)]))
        } catch {
            logger.error("cannot make the room's external sender", metadata: ["room": "\(room)", "error": "\(error)"])
        }
        query.append(info.element)
        return query
    }

    /// `<members/>` in `urn:xmpp:mls:0`: the group's members as the room follows them, each leaf with the JID
    /// its credential names.
    func members(room: JID) throws(StanzaError) -> XMLElement {
        guard let state = try followedState(room) else {
            throw StanzaError(
                .itemNotFound, text: "the room does not follow its group: its handshakes are not PublicMessage, or no commit was accepted")
        }
        var members = XMLElement(
            name: "members", namespace: MLSNamespace.mls,
            attributes: [XMLAttribute(name: "epoch", value: String(state.epoch))])
        for (index, leaf) in state.members {
            var member = XMLElement(
                name: "member", namespace: MLSNamespace.mls,
                attributes: [XMLAttribute(name: "leaf", value: String(index.rawValue))])
            member.setAttribute("jid", to: leaf.credential.jid?.description)
            members.append(member)
        }
        return members
    }
}
