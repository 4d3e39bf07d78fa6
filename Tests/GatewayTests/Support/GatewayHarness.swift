import DeliveryService
import Foundation
import Gateway
import Logging
import MLS
import XMPP

/// A router with the gateway's handlers on an in-memory store, fed stanzas as elements.
struct GatewayHarness {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519
    let domain: JID
    let room: JID
    let store: DeliveryStore
    let outbox = Outbox()
    let router: StanzaRouter
    let host: RoomHost

    init(
        directory configuration: DirectoryConfiguration = DirectoryConfiguration(),
        sequencer: SequencerConfiguration = SequencerConfiguration(),
        store: DeliveryStore? = nil,
        // Most room tests are about ordering, with commits sent without the ratchet tree a followed room needs.
        policy: RoomPolicy = RoomPolicy(handshakes: .privateAllowed),
        serviceAdmins: Set<JID> = [],
        limits: RoomLimits = RoomLimits(),
        reservedJIDs: Set<JID> = [],
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws {
        domain = try JID("mls.example.org")
        room = try JID("room@mls.example.org")
        self.store = try store ?? DeliveryStore.inMemory()
        let store = self.store
        let outbox = outbox
        let send: StanzaSink = { outbox.append($0) }
        var router = StanzaRouter(
            domain: domain, software: SoftwareVersion(name: "MLSGate", version: "test"), logger: logger)
        KeyPackageHandler(
            directory: KeyPackageDirectory(store: store, configuration: configuration),
            domain: domain,
            send: send,
            logger: logger
        ).register(on: &router)
        host = RoomHost(
            sequencer: RoomSequencer(store: store, configuration: sequencer), domain: domain,
            configuration: RoomHostConfiguration(
                reservedJIDs: reservedJIDs, defaultPolicy: policy, serviceAdmins: serviceAdmins, limits: limits),
            send: send, now: now, logger: logger)
        host.register(on: &router)
        self.router = router
    }

    /// Routes one stanza; returns what was sent while handling it, then the router's replies.
    func route(_ element: XMLElement) async -> [XMLElement] {
        let replies = await router.route(element)
        return outbox.drain() + replies
    }

    // MARK: - Stanzas

    static func stanza(_ name: String, from: String, to: String, type: String? = nil, id: String? = nil)
        -> XMLElement
    {
        var element = XMLElement(name: name, namespace: XMPPNamespace.component)
        element.setAttribute("from", to: from)
        element.setAttribute("to", to: to)
        element.setAttribute("type", to: type)
        element.setAttribute("id", to: id)
        return element
    }

    static func iq(_ type: String, from: String, to: String, _ payload: XMLElement) -> XMLElement {
        var iq = stanza("iq", from: from, to: to, type: type, id: "iq-\(UUID().uuidString.prefix(8))")
        iq.append(payload)
        return iq
    }

    static func keyPackages(_ name: String, _ attributes: [String: String] = [:], children: [XMLElement] = [])
        -> XMLElement
    {
        XMLElement(
            name: name,
            namespace: MLSNamespace.keyPackages,
            attributes: attributes.sorted { $0.key < $1.key }.map { XMLAttribute(name: $0.key, value: $0.value) },
            children: children.map { .element($0) }
        )
    }

    static func keyPackageElement(_ bytes: [UInt8], lastResort: Bool = false) -> XMLElement {
        XMLElement(
            name: "key-package",
            namespace: MLSNamespace.keyPackages,
            attributes: lastResort ? [XMLAttribute(name: "last-resort", value: "true")] : [],
            text: Data(bytes).base64EncodedString()
        )
    }

    /// A join: available presence to `room/nick` with the MUC `<x/>`, optionally with `<history/>` attributes.
    func join(_ from: String, nick: String, history: [String: String]? = nil, room: JID? = nil) -> XMLElement {
        var presence = Self.stanza("presence", from: from, to: "\(room ?? self.room)/\(nick)")
        var x = XMLElement(name: "x", namespace: XMPPNamespace.muc)
        if let history {
            x.append(
                XMLElement(
                    name: "history",
                    namespace: XMPPNamespace.muc,
                    attributes: history.map { XMLAttribute(name: $0.key, value: $0.value) }
                )
            )
        }
        presence.append(x)
        return presence
    }

    func leave(_ from: String, nick: String) -> XMLElement {
        Self.stanza("presence", from: from, to: "\(room)/\(nick)", type: "unavailable")
    }

    /// A groupchat message to the room with `<mls/>` and optional `<welcome/>` and `<group-info/>`, as base64
    /// (or raw text when given as a string).
    func groupchat(
        _ from: String,
        id: String,
        mls: String,
        welcome: String? = nil,
        welcomeTo: String? = nil,
        groupInfo: String? = nil,
        ratchetTree: String? = nil,
        cipherSuite: String? = nil
    ) -> XMLElement {
        var message = Self.stanza("message", from: from, to: room.description, type: "groupchat", id: id)
        message.append(XMLElement(name: "mls", namespace: MLSNamespace.mls, text: mls))
        if let welcome {
            var element = XMLElement(name: "welcome", namespace: MLSNamespace.mls, text: welcome)
            element.setAttribute("to", to: welcomeTo)
            message.append(element)
        }
        if let groupInfo {
            message.append(XMLElement(name: "group-info", namespace: MLSNamespace.mls, text: groupInfo))
        }
        if let ratchetTree {
            var element = XMLElement(name: "ratchet-tree", namespace: MLSNamespace.mls, text: ratchetTree)
            element.setAttribute("cipher-suite", to: cipherSuite)
            message.append(element)
        }
        return message
    }

    func roomIQ(_ from: String, _ name: String, _ attributes: [String: String] = [:]) -> XMLElement {
        Self.iq(
            "get",
            from: from,
            to: room.description,
            XMLElement(
                name: name,
                namespace: MLSNamespace.mls,
                attributes: attributes.map { XMLAttribute(name: $0.key, value: $0.value) }
            )
        )
    }

    // MARK: - MLS

    static func client(_ identity: String) throws -> Client {
        try Client(suite: suite, credential: .basic(identity: Array(identity.utf8)))
    }

    static func base64(_ message: MLSMessage) -> String {
        Data(message.tlsEncoded).base64EncodedString()
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// An MLSMessage with a chosen clear header and meaningless ciphertext, which is all the sequencer reads.
    static func privateMessage(group: [UInt8], epoch: UInt64, type: ContentType = .application) -> [UInt8] {
        MLSMessage(
            body: .privateMessage(
                PrivateMessage(
                    groupID: group,
                    epoch: epoch,
                    contentType: type,
                    authenticatedData: [],
                    encryptedSenderData: [1, 2, 3],
                    ciphertext: [4, 5, 6]
                )
            )
        ).tlsEncoded
    }
}

extension XMLElement {
    /// The defined condition of an error stanza.
    var errorCondition: String? {
        child(named: "error", namespace: namespace)?.elements.first {
            $0.namespace == XMPPNamespace.stanzaErrors && $0.name != "text"
        }?.name
    }

    /// The application condition of an error stanza.
    var errorApplicationCondition: XMLElement? {
        child(named: "error", namespace: namespace)?.elements.first { $0.namespace != XMPPNamespace.stanzaErrors }
    }

    /// The error text of an error stanza.
    var errorText: String? {
        child(named: "error", namespace: namespace)?.child(named: "text", namespace: XMPPNamespace.stanzaErrors)?.text
    }

    /// The MUC status codes of a presence.
    var mucStatuses: [String] {
        child(named: "x", namespace: XMPPNamespace.mucUser)?.elements.filter { $0.name == "status" }
            .compactMap { $0.attribute("code") } ?? []
    }
}
