import DeliveryService
import Foundation
import Gateway
import Logging
import MLS
import Testing
import XMPP

/// The rooms and the directory with a bot switchboard in front of the sink, on a store that can outlive one
/// harness (a restart is a new harness on the same store). Stanzas routed to a bridge's JID are diverted to it as
/// network traffic, as the XMPP server's would be; stanzas bots and bridges send to the network land in the outbox.
struct BotHarness {
    typealias H = GatewayHarness
    let room: JID
    let bot: JID
    let store: DeliveryStore
    let outbox = Outbox()
    let router: StanzaRouter
    let host: RoomHost
    let directory: KeyPackageDirectory
    let switchboard: BotSwitchboard

    init(store: DeliveryStore? = nil, bot: String = "echo@mls.example.org") throws {
        let domain = try JID("mls.example.org")
        room = try JID("room@mls.example.org")
        self.bot = try JID(bot)
        let store = try store ?? DeliveryStore.inMemory()
        self.store = store
        let outbox = outbox
        switchboard = BotSwitchboard { outbox.append($0) }
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        var router = StanzaRouter(
            domain: domain, software: SoftwareVersion(name: "MLSGate", version: "test"), logger: logger)
        let board = switchboard
        router.divert { board.divert($0) }
        directory = KeyPackageDirectory(store: store)
        KeyPackageHandler(directory: directory, domain: domain, send: switchboard.sink).register(on: &router)
        host = RoomHost(
            sequencer: RoomSequencer(store: store),
            domain: domain,
            // These tests are about the bot, not the room's policy: the room only orders its messages.
            configuration: RoomHostConfiguration(reservedJIDs: [self.bot], defaultPolicy: RoomPolicy(handshakes: .privateAllowed)),
            send: switchboard.sink,
            logger: logger
        )
        host.register(on: &router)
        self.router = router
    }

    /// A runner for the echo bot on this harness.
    func runner(
        schedule: BotUpdateSchedule = BotUpdateSchedule(messages: nil, interval: nil),
        stateKey: BotStateKey? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        behaviour: any Bot = EchoBot()
    ) throws -> BotRunner {
        let router = router
        return BotRunner(
            jid: bot,
            bot: behaviour,
            directory: directory,
            stateStore: BotStateStore(store: store),
            stateKey: try stateKey ?? BotStateKey(text: String(repeating: "07", count: 32)),
            switchboard: switchboard,
            route: { await router.route($0) },
            schedule: schedule,
            now: now,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    /// A join of the room as `nick`, without history.
    func join(_ from: String, nick: String) -> XMLElement {
        var presence = H.stanza("presence", from: from, to: "\(room)/\(nick)")
        presence.append(XMLElement(name: "x", namespace: XMPPNamespace.muc))
        return presence
    }

    /// Routes one stanza; returns what went out while handling it, then the router's replies.
    func route(_ element: XMLElement) async -> [XMLElement] {
        let replies = await router.route(element)
        return outbox.drain() + replies
    }

    /// Fetches the bot's KeyPackage as `from`.
    func fetchBotKeyPackage(from: String) async throws -> UnverifiedKeyPackage {
        let replies = await route(
            H.iq(
                "get", from: from, to: "mls.example.org",
                H.keyPackages("fetch", ["jid": bot.description, "cipher-suite": "1"]))
        )
        let result = try #require(replies.last { $0.attribute("type") == "result" })
        let element = try #require(
            result.child(named: "key-packages", namespace: MLSNamespace.keyPackages)?.elements.first
        )
        let bytes = try #require(Data(base64Encoded: element.text))
        guard case .keyPackage(let keyPackage) = try MLSMessage(tlsEncoded: [UInt8](bytes)).body else {
            throw BotHarnessError.notAKeyPackage
        }
        return keyPackage
    }

    /// A groupchat to the room carrying an MLS message and optionally a Welcome and GroupInfo.
    func groupchat(_ from: String, _ message: MLSMessage, welcome: MLSMessage? = nil, groupInfo: MLSMessage? = nil)
        -> XMLElement
    {
        var element = H.stanza("message", from: from, to: room.description, type: "groupchat", id: UUID().uuidString)
        element.append(XMLElement(name: "mls", namespace: MLSNamespace.mls, text: H.base64(message)))
        if let welcome {
            element.append(XMLElement(name: "welcome", namespace: MLSNamespace.mls, text: H.base64(welcome)))
        }
        if let groupInfo {
            element.append(XMLElement(name: "group-info", namespace: MLSNamespace.mls, text: H.base64(groupInfo)))
        }
        return element
    }

    /// The MLS messages reflected to `to` from the occupant `nick` of `room`, in order.
    static func reflected(_ sent: [XMLElement], to: String, from nick: String, room: String = "room@mls.example.org")
        throws -> [MLSMessage]
    {
        try sent.filter {
            $0.attribute("to") == to && $0.attribute("from") == "\(room)/\(nick)"
                && $0.attribute("type") == "groupchat"
        }.compactMap { $0.child(named: "mls", namespace: MLSNamespace.mls) }.map {
            try MLSMessage(tlsEncoded: [UInt8](try #require(Data(base64Encoded: $0.text))))
        }
    }
}

extension BotHarness {
    /// `member` enters the room, fetches the bot's KeyPackage, creates the group and adds the bot, which joins.
    /// - Returns: The member's group.
    func groupWithBot(_ runner: BotRunner, member: String) async throws -> Group {
        try await runner.start()
        _ = await route(join(member, nick: try JID(member).localpart ?? "member"))
        let keyPackage = try await fetchBotKeyPackage(from: member)
        var group = try H.client(try JID(member).bare.description).createGroup()
        let add = try await group.commit(group.commitBuilder().adding(keyPackage).withPath())
        _ = await route(groupchat(member, add.commit, welcome: add.welcome, groupInfo: add.groupInfo))
        _ = try group.mergePendingCommit()
        await runner.processPending()
        return group
    }

    /// The bodies of the application messages `nick` sent among `sent`, as `member`'s group decrypts them; commits
    /// are processed on the way.
    static func decrypted(_ sent: [XMLElement], to member: String, from nick: String, _ group: inout Group)
        async throws -> [String]
    {
        var bodies: [String] = []
        for message in try reflected(sent, to: member, from: nick) {
            if case .application(let application) = try await group.process(message) {
                bodies.append(try SCEEnvelope(serialized: application.data).body ?? "")
            }
        }
        return bodies
    }

    /// The identity of a basic credential, as text.
    static func identity(_ credential: Credential) -> String? {
        guard case .basic(let identity) = credential else { return nil }
        return String(decoding: identity, as: UTF8.self)
    }
}

enum BotHarnessError: Error {
    case notAKeyPackage
}
