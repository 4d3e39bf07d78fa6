import Foundation
import Logging
import XMPP

/// The mirror: maps each of its encrypted rooms to a plaintext room on the XMPP server's own MUC service, for
/// clients without MLS.
///
/// ```text
///  encrypted room (MLS)                      mirror@mls.example.org                 plain@conference.example.org
///  alice: "hi" ──decrypt, check──▶ member "mirror" ──"[alice@example.org] hi"──▶ occupant mirror@…/bridge
///  "[bob] yo" ◀──encrypt, envelope── member "mirror" ◀────── "yo" (live, not delayed) ─── occupant bob
/// ```
///
/// The bridge's member joins the encrypted room through a Welcome like any bot; while it is a member, its occupant
/// `mirror@mls.example.org/bridge` stays in the plaintext room under ``nick``, rejoining after a restart, a
/// reconnect or a removal (with a backoff; never after a ban until the next reconnect). Both rooms are told: the
/// encrypted room gets an encrypted notice when the bridge joins it, the plaintext room a notice each time the
/// bridge enters it, the bridge's presence status, and the room subject when the bridge may set it. The mirror
/// answers XEP-0199 pings and XEP-0030 disco#info on its occupant; a room it creates is made an instant room.
///
/// Messages for a plaintext room the bridge is not yet in wait, up to ``waitingLimit`` per room; older ones are
/// dropped. Messages the plaintext room sends with a delay (history) or from the bridge's own nick are not mirrored.
public actor MirrorBridge: Bridge {
    /// The resource of the bridge's occupant in the plaintext rooms.
    public static let resource = "bridge"
    /// The most mirrored lines that wait for a plaintext room the bridge is not in. Default 100.
    public static let waitingLimit = 100

    /// Which plaintext room mirrors which encrypted room.
    public nonisolated let routes: MirrorRoutes
    /// The nick the bridge asks for in the plaintext rooms.
    public nonisolated let nick: String
    let now: @Sendable () -> Date
    let logger: Logger
    var context: BridgeContext?
    /// By plaintext room.
    var occupancies: [JID: MUCOccupancy] = [:]
    /// Lines for each plaintext room, waiting for the bridge to be in it.
    var waiting: [JID: [String]] = [:]

    /// - Parameters:
    ///   - routes: The room mapping.
    ///   - nick: The nick in the plaintext rooms.
    ///   - now: The clock.
    ///   - logger: The bridges' logger.
    public init(routes: MirrorRoutes, nick: String, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.routes = routes
        self.nick = nick
        self.now = now
        self.logger = logger
    }

    public nonisolated func serves(_ room: JID) -> Bool {
        routes.plaintext(for: room) != nil
    }

    public func started(_ context: BridgeContext) async {
        self.context = context
        for room in await context.rooms() {
            guard let plaintext = routes.plaintext(for: room) else {
                logger.notice(
                    "mirror is a member of a room it no longer maps",
                    metadata: ["bot": "\(context.jid)", "room": "\(room)"]
                )
                continue
            }
            want(plaintext)
        }
    }

    public func joined(room: JID) async -> [String] {
        guard let plaintext = routes.plaintext(for: room), let context else { return [] }
        want(plaintext)
        return [MirrorText.encryptedNotice(plaintext: plaintext, bridge: context.jid)]
    }

    public func removed(room: JID) async {
        guard let plaintext = routes.plaintext(for: room) else { return }
        if occupancies[plaintext]?.nick != nil {
            sendGroupchat(MirrorText.plaintextFarewell(encrypted: room), to: plaintext)
        }
        waiting[plaintext] = nil
        var occupancy = occupancies[plaintext] ?? MUCOccupancy()
        let actions = occupancy.unwant()
        occupancies[plaintext] = occupancy
        perform(actions, plaintext: plaintext)
    }

    public func messageReceived(_ envelope: SCEEnvelope, sender: JID?, room: JID) async -> [String] {
        guard let plaintext = routes.plaintext(for: room), let body = envelope.body, !body.isEmpty else { return [] }
        let line = MirrorText.plaintextLine(sender: sender, body: body)
        if occupancies[plaintext]?.nick != nil {
            sendGroupchat(line, to: plaintext)
        } else {
            var lines = waiting[plaintext] ?? []
            if lines.count >= Self.waitingLimit { lines.removeFirst() }
            lines.append(line)
            waiting[plaintext] = lines
        }
        return []
    }

    public func reconnected() async {
        for plaintext in occupancies.keys.sorted(by: { $0.description < $1.description })
        where occupancies[plaintext]?.isWanted == true {
            want(plaintext)
        }
    }

    public func tick() async {
        let time = now()
        for plaintext in occupancies.keys.sorted(by: { $0.description < $1.description }) {
            guard var occupancy = occupancies[plaintext] else { continue }
            let actions = occupancy.tick(now: time)
            occupancies[plaintext] = occupancy
            perform(actions, plaintext: plaintext)
        }
    }

    /// The bridge wants to be in a plaintext room, or to make sure it still is.
    func want(_ plaintext: JID) {
        var occupancy = occupancies[plaintext] ?? MUCOccupancy()
        let actions = occupancy.want(now: now())
        occupancies[plaintext] = occupancy
        perform(actions, plaintext: plaintext)
    }

    /// Applies an occupancy event to a plaintext room and performs what it asks.
    func update(_ plaintext: JID, _ event: (inout MUCOccupancy) -> [MUCOccupancy.Action]) {
        guard var occupancy = occupancies[plaintext] else { return }
        let actions = event(&occupancy)
        occupancies[plaintext] = occupancy
        perform(actions, plaintext: plaintext)
    }

    /// Sends what the occupancy state machine asks for.
    func perform(_ actions: [MUCOccupancy.Action], plaintext: JID) {
        guard let context, let encrypted = routes.encrypted(for: plaintext) else { return }
        for action in actions {
            switch action {
            case .join:
                log("mirror joins a plaintext room", plaintext)
                let status = MirrorText.status(encrypted: encrypted)
                context.send(Presence.mucEnter(from: sender, to: occupant(in: plaintext), status: status).element)
            case .leave:
                log("mirror leaves a plaintext room", plaintext)
                context.send(Presence(type: .unavailable, from: sender, to: occupant(in: plaintext)).element)
            case .configureInstantRoom:
                context.send(instantRoomRequest(plaintext))
            case .announce:
                log("mirror is in a plaintext room", plaintext)
                sendGroupchat(MirrorText.plaintextNotice(encrypted: encrypted), to: plaintext)
                for line in waiting.removeValue(forKey: plaintext) ?? [] {
                    sendGroupchat(line, to: plaintext)
                }
            case .setSubject:
                let subject = MirrorText.subject(encrypted: encrypted)
                sendGroupchat(
                    XMLElement(name: "subject", namespace: XMPPNamespace.component, text: subject), to: plaintext)
            }
        }
    }

    /// XEP-0045 §10.1.2: the owner's request that accepts the default configuration, making an instant room.
    private func instantRoomRequest(_ plaintext: JID) -> XMLElement {
        var query = XMLElement(name: "query", namespace: XMPPNamespace.mucOwner)
        query.append(
            XMLElement(
                name: "x", namespace: DataForm.namespace, attributes: [XMLAttribute(name: "type", value: "submit")])
        )
        return IQ(type: .set, id: UUID().uuidString, from: sender, to: plaintext, payload: query).element
    }

    /// Logs a change of the bridge's presence in a plaintext room.
    private func log(_ message: Logger.Message, _ plaintext: JID) {
        logger.info(message, metadata: ["bot": "\(context?.jid.description ?? "")", "room": "\(plaintext)"])
    }

    /// Sends a line to a plaintext room.
    func sendGroupchat(_ body: String, to plaintext: JID) {
        sendGroupchat(XMLElement(name: "body", namespace: XMPPNamespace.component, text: body), to: plaintext)
    }

    /// Sends a groupchat message with one child to a plaintext room.
    private func sendGroupchat(_ child: XMLElement, to plaintext: JID) {
        context?.send(
            Message(type: .groupchat, id: UUID().uuidString, from: sender, to: plaintext, payload: [child]).element)
    }

    /// The bridge's occupant JID, from which it speaks to the plaintext rooms.
    private var sender: JID? {
        context.flatMap { try? $0.jid.withResource(Self.resource) }
    }

    /// The bridge's nick in a plaintext room.
    private func occupant(in plaintext: JID) -> JID {
        (try? plaintext.withResource(nick)) ?? plaintext
    }
}
