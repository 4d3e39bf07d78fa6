import DeliveryService
import Foundation
import Gateway
import Logging
import MLS
import XMPP

/// The rooms, the KeyPackage directory and the admin commands on one in-memory store, behind one router;
/// `admin@example.org` is the only administrator.
struct AdminHarness {
    typealias H = GatewayHarness
    static let admin = "admin@example.org/desk"
    static let otherAdminDevice = "admin@example.org/phone"
    static let stranger = "mallory@example.org/x"

    let rooms: GatewayHarness
    let clock = TestClock()
    let router: StanzaRouter
    var domain: JID { rooms.domain }
    var store: DeliveryStore { rooms.store }

    init(
        bots: [BotListing] = [], maximumSessions: Int = 100, policy: RoomPolicy? = nil,
        removeBot: @escaping @Sendable (JID, JID) async -> BotDeparture? = { _, _ in nil }
    ) throws {
        rooms = try policy.map { try GatewayHarness(policy: $0) } ?? GatewayHarness()
        var router = rooms.router
        let clock = clock
        let counter = SessionCounter()
        AdminCommands(
            configuration: AdminConfiguration(
                admins: [try JID("admin@example.org")], sessionLifetime: 600, maximumSessions: maximumSessions),
            domain: rooms.domain, store: rooms.store, rooms: rooms.host, bots: { bots }, removeBot: removeBot,
            now: clock.now,
            makeSessionID: { counter.next() },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        ).register(on: &router)
        self.router = router
    }

    /// Routes one stanza; returns what was sent while handling it, then the router's replies.
    func route(_ element: XMLElement) async -> [XMLElement] {
        let replies = await router.route(element)
        return rooms.outbox.drain() + replies
    }

    /// Sends a `<command/>` and returns the one IQ answering it, plus anything else sent meanwhile.
    func command(
        _ command: AdminCommand, from: String = admin, sessionID: String? = nil, action: AdHocCommand.Action? = nil,
        form: DataForm? = nil, to: String? = nil
    ) async throws -> (reply: XMLElement, sent: [XMLElement]) {
        try await self.command(
            from, node: command.node, sessionID: sessionID, action: action?.rawValue, form: form, to: to)
    }

    func command(
        _ from: String = admin, node: String, sessionID: String? = nil, action: String? = nil, form: DataForm? = nil,
        to: String? = nil
    ) async throws -> (reply: XMLElement, sent: [XMLElement]) {
        var element = XMLElement(name: "command", namespace: AdHocCommand.namespace)
        element.setAttribute("node", to: node)
        element.setAttribute("sessionid", to: sessionID)
        element.setAttribute("action", to: action)
        if let form { element.append(form.element) }
        let out = await route(H.iq("set", from: from, to: to ?? domain.description, element))
        let replies = out.filter { $0.name == "iq" }
        guard replies.count == 1 else { throw HarnessError("expected one IQ reply, got \(replies.count)") }
        return (replies[0], out.filter { $0.name != "iq" })
    }

    /// Starts a command that asks for a form, then submits `fields`; returns the final reply.
    func run(
        _ command: AdminCommand, _ fields: [String: [String]], from: String = admin
    ) async throws -> (reply: XMLElement, sent: [XMLElement]) {
        let first = try Self.answer(try await self.command(command, from: from).reply)
        return try await self.command(command, from: from, sessionID: first.sessionID, form: Self.submission(fields))
    }

    static func submission(_ fields: [String: [String]]) -> DataForm {
        DataForm(
            kind: .submit,
            fields: fields.sorted { $0.key < $1.key }.map { DataFormField(variable: $0.key, values: $0.value) })
    }

    /// The `<command/>` of a result IQ.
    static func answer(_ reply: XMLElement) throws -> AdHocCommand {
        guard reply.attribute("type") == "result",
            let element = reply.elements.first(where: { $0.name == "command" })
        else { throw HarnessError("not a command result: \(reply)") }
        return try AdHocCommand(element)
    }

    /// Joins the room as `nick` from `from`.
    func join(_ from: String, nick: String, room: String = "room@mls.example.org") async {
        _ = await route(H.stanza("presence", from: from, to: "\(room)/\(nick)"))
    }

    /// A first commit of a new group of `identity` with the ratchet tree, which a room following its group needs.
    func followedCommit(_ from: String, identity: String, room: String = "room@mls.example.org") async throws
        -> [XMLElement]
    {
        var group = try H.client(identity).createGroup()
        let tree = group.tree.wireNodes
        let commit = try await group.commit(group.commitBuilder().withPath())
        var message = H.stanza("message", from: from, to: room, type: "groupchat", id: "first")
        message.append(XMLElement(name: "mls", namespace: MLSNamespace.mls, text: H.base64(commit.commit)))
        message.append(
            XMLElement(
                name: "ratchet-tree", namespace: MLSNamespace.mls,
                attributes: [XMLAttribute(name: "cipher-suite", value: String(H.suite.rawValue))],
                text: H.base64(tree.tlsEncoded)))
        return await route(message)
    }

    /// A commit and an application message for the room from `from`, already an occupant; binds it to `group`.
    func traffic(_ from: String, group: [UInt8], room: String = "room@mls.example.org") async {
        for (id, epoch, type) in [("c", UInt64(0), ContentType.commit), ("a", 1, .application)] {
            var message = H.stanza("message", from: from, to: room, type: "groupchat", id: id)
            message.append(
                XMLElement(
                    name: "mls", namespace: MLSNamespace.mls,
                    text: H.base64(H.privateMessage(group: group, epoch: epoch, type: type))))
            _ = await route(message)
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Session ids `s1`, `s2`, … in order.
final class SessionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> String {
        lock.withLock {
            count += 1
            return "s\(count)"
        }
    }
}

extension DataForm {
    /// The values of a row's field in a result table.
    func column(_ variable: String) -> [[String]] {
        items.map { row in row.first { $0.variable == variable }?.values ?? [] }
    }
}
