import XMPP

extension Presence {
    /// A presence entering a room as `occupant`, asking for none of its history (XEP-0045 §7.2.14,
    /// `<history maxstanzas='0'/>`).
    /// - Parameters:
    ///   - id: The 'id' attribute.
    ///   - from: The entering full JID.
    ///   - occupant: The room JID with the nick.
    ///   - status: A `<status/>` text, if any.
    static func mucEnter(id: String? = nil, from: JID?, to occupant: JID, status: String? = nil) -> Presence {
        let history = XMLElement(
            name: "history", namespace: XMPPNamespace.muc, attributes: [XMLAttribute(name: "maxstanzas", value: "0")])
        var payload = [XMLElement(name: "x", namespace: XMPPNamespace.muc, children: [.element(history)])]
        if let status {
            payload.append(XMLElement(name: "status", namespace: XMPPNamespace.component, text: status))
        }
        return Presence(id: id, from: from, to: occupant, payload: payload)
    }

    /// The muc#user `<x/>` of a room's presence.
    var mucUser: XMLElement? {
        payload.element(named: "x", namespace: XMPPNamespace.mucUser)
    }

    /// The XEP-0045 status codes of its muc#user `<x/>`.
    var mucStatusCodes: Set<Int> {
        let statuses = mucUser?.elements.filter { $0.name == "status" } ?? []
        return Set(statuses.compactMap { $0.attribute("code").flatMap { Int($0) } })
    }

    /// Whether its muc#user `<x/>` carries `<destroy/>`: the room was destroyed (XEP-0045 §10.9).
    var destroysRoom: Bool {
        mucUser?.child(named: "destroy", namespace: XMPPNamespace.mucUser) != nil
    }
}

extension Array where Element == XMLElement {
    /// The first element with the given name and namespace, as in a stanza's payload.
    func element(named name: String, namespace: String) -> XMLElement? {
        first { $0.name == name && $0.namespace == namespace }
    }
}
