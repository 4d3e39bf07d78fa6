import DeliveryService
import XMPP

extension RoomHost {
    /// Answers `<group-info/>`, `<epoch/>` and `<history/>` gets in `urn:xmpp:mls:0` to a room.
    func handleIQ(_ iq: IQ) throws(StanzaError) -> XMLElement {
        guard let to = iq.to, StanzaTarget.classify(to, domain: domain) == .room, let payload = iq.payload else {
            throw StanzaError(.badRequest, text: "address this request to a room, room@\(domain)")
        }
        let room = to.bare
        do {
            guard try sequencer.roomExists(room) else {
                throw StanzaError(.itemNotFound, text: "no room \(room)")
            }
            switch payload.name {
            case "group-info":
                guard let groupInfo = try sequencer.groupInfo(room: room) else {
                    throw StanzaError(.itemNotFound, text: "the room has no GroupInfo: no commit carried one yet")
                }
                return XMLElement(name: "group-info", namespace: MLSNamespace.mls, text: Base64Field.encode(groupInfo))
            case "epoch":
                guard let epoch = try sequencer.currentEpoch(room: room) else {
                    throw StanzaError(.itemNotFound, text: "the room has no group yet: no commit was accepted")
                }
                return XMLElement(
                    name: "epoch",
                    namespace: MLSNamespace.mls,
                    attributes: [XMLAttribute(name: "epoch", value: String(epoch))]
                )
            case "history":
                return try history(payload, room: room)
            case "members":
                return try members(room: room)
            default:
                throw StanzaError(.featureNotImplemented, text: "no get of <\(payload.name)/> in this namespace")
            }
        } catch let error as StanzaError {
            throw error
        } catch let error as SequencerError {
            throw StanzaError(error)
        } catch {
            throw StanzaError(.internalServerError)
        }
    }

    /// `<history after='ID' max='N'/>` ─▶ `<history complete='…'><message stanza-id='' from='' epoch=''
    /// content-type='' stamp=''><mls>B64</mls></message>…</history>`, oldest first.
    private func history(_ payload: XMLElement, room: JID) throws -> XMLElement {
        var limit = configuration.historyPage
        if let text = payload.attribute("max") {
            guard let wanted = Int(text), wanted > 0 else {
                throw StanzaError(.badRequest, text: "'max' must be a positive number")
            }
            limit = min(wanted, limit)
        }
        let page = try sequencer.history(room: room, after: payload.attribute("after"), limit: limit)
        var result = XMLElement(
            name: "history",
            namespace: MLSNamespace.mls,
            attributes: [XMLAttribute(name: "complete", value: page.complete ? "true" : "false")]
        )
        for message in page.messages {
            var item = XMLElement(
                name: "message",
                namespace: MLSNamespace.mls,
                attributes: [
                    XMLAttribute(name: "stanza-id", value: message.stanzaID),
                    XMLAttribute(name: "from", value: message.sender),
                    XMLAttribute(name: "epoch", value: String(message.epoch)),
                    XMLAttribute(name: "content-type", value: Self.contentTypeName(message.contentType.rawValue)),
                    XMLAttribute(name: "stamp", value: Self.timestamp(message.acceptedAt)),
                ]
            )
            item.append(XMLElement(name: "mls", namespace: MLSNamespace.mls, text: Base64Field.encode(message.payload)))
            result.append(item)
        }
        return result
    }

    static func contentTypeName(_ raw: UInt8) -> String {
        switch raw {
        case 1: "application"
        case 2: "proposal"
        case 3: "commit"
        default: String(raw)
        }
    }
}
