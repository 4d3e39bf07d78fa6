import DeliveryService
import Foundation
import Logging
import MLS
import ServiceLifecycle
import XMPP

/// Runs one bot as a full MLS member living inside MLSGate.
///
/// ```text
/// start: load sealed state ─▶ publish KeyPackages if the directory's stock is low ─▶ re-enter each room, catch up
/// inbox: <welcome/>      ─▶ join the group (bundle deleted) ─▶ enter the room as nick=localpart ─▶ catch up
///        groupchat <mls/> ─▶ process in order ─▶ envelope checks ─▶ Bot callbacks ─▶ encrypted replies
///        error message    ─▶ drop the refused pending commit
///        <low-keypackages/> ─▶ publish KeyPackages up to the stock
///        network stanza   ─▶ Bridge.received (bridges only; IQs nobody handles get service-unavailable)
///        tick, reconnect  ─▶ Bridge.tick, Bridge.reconnected
/// idle:  leaf update due  ─▶ commit with a path through the room
/// ```
///
/// The bot's credential is a basic credential naming its bare JID; it speaks to the rooms from
/// `bot@domain/mlsgate`, through the same router as any client, so its messages are sequenced and reflected like
/// every occupant's. Its state (identity, unused KeyPackage private keys, group states) is sealed with a
/// ``BotStateKey`` and saved after every change.
///
/// A decrypted application message reaches the bot only when ``EnvelopeGuard`` accepts it: an XEP-0420 envelope
/// whose `from` names the sender's credential, not seen before from that sender in its epoch. When the bot is a
/// ``Bridge``, the runner also declines Welcomes to rooms it does not serve, hands it the stanzas the XMPP server
/// sends to its JID, and gives it a ``BridgeContext`` to post and send with.
public actor BotRunner {
    /// The bot's bare JID, its credential identity.
    public nonisolated let jid: JID
    /// The JID the bot speaks from.
    nonisolated let fullJID: JID
    /// Its nick in every room: the localpart.
    nonisolated let nick: String
    let bot: any Bot
    /// The bot as a bridge, when it is one.
    let bridge: (any Bridge)?
    let switchboard: BotSwitchboard
    let directory: KeyPackageDirectory
    let stateStore: BotStateStore
    let stateKey: BotStateKey
    let route: @Sendable (XMLElement) async -> [XMLElement]
    let schedule: BotUpdateSchedule
    let keyPackageStock: Int
    let suite: CipherSuite
    let now: @Sendable () -> Date
    let logger: Logger
    nonisolated let inbox: BotInbox

    var client: Client?
    /// Unused KeyPackages, by the bytes of their ref.
    var bundles: [[UInt8]: KeyPackageBundle] = [:]
    var rooms: [JID: BotRoom] = [:]
    private var draining = false

    /// - Parameters:
    ///   - jid: The bot's JID on the component domain; its bare JID is its identity.
    ///   - bot: What it does.
    ///   - directory: Where its KeyPackages are published.
    ///   - stateStore: Where its sealed state lives.
    ///   - stateKey: Seals its state.
    ///   - switchboard: Hands it the stanzas addressed to it.
    ///   - route: Routes a stanza the bot sends as if it came from the network; returns the router's replies.
    ///   - schedule: When it updates its leaf.
    ///   - keyPackageStock: How many KeyPackages it keeps in the directory; it publishes more when fewer than
    ///     half are left.
    ///   - suite: Its cipher suite.
    ///   - now: The clock.
    ///   - inboxNetworkLimit: How many stanzas from the XMPP network may wait in its inbox (a bridge's); further
    ///     ones are answered with `resource-constraint`.
    ///   - logger: The bots' logger.
    public init(
        jid: JID,
        bot: any Bot,
        directory: KeyPackageDirectory,
        stateStore: BotStateStore,
        stateKey: BotStateKey,
        switchboard: BotSwitchboard,
        route: @escaping @Sendable (XMLElement) async -> [XMLElement],
        schedule: BotUpdateSchedule = BotUpdateSchedule(),
        keyPackageStock: Int = 10,
        suite: CipherSuite = .mls128DHKEMX25519AES128GCMSHA256Ed25519,
        now: @escaping @Sendable () -> Date = { Date() },
        inboxNetworkLimit: Int = 1_000,
        logger: Logger
    ) {
        self.inbox = BotInbox(networkLimit: inboxNetworkLimit)
        self.jid = jid.bare
        self.fullJID = (try? jid.bare.withResource("mlsgate")) ?? jid.bare
        self.nick = jid.localpart ?? "bot"
        self.bot = bot
        self.bridge = bot as? any Bridge
        self.switchboard = switchboard
        self.directory = directory
        self.stateStore = stateStore
        self.stateKey = stateKey
        self.route = route
        self.schedule = schedule
        self.keyPackageStock = max(1, keyPackageStock)
        self.suite = suite
        self.now = now
        self.logger = logger
        switchboard.attach(inbox, for: jid, takesNetwork: bot is any Bridge)
    }

    /// Loads the saved state (or makes a new identity), tops up the KeyPackages and re-enters every room; then
    /// starts a bridge with its context.
    /// - Throws: ``BotError`` when the state does not open or the database fails.
    public func start() async throws(BotError) {
        try load()
        try replenish()
        for room in rooms.keys.sorted(by: { $0.description < $1.description }) {
            await enter(room)
            await catchUp(room)
        }
        if let bridge {
            await bridge.started(BridgeContext(jid: jid, runner: self, network: switchboard.sendToNetwork))
        }
    }

    /// Tells the bot that the connection to the XMPP server was rebuilt; it hears of it in order with its inbox.
    public nonisolated func connectionRestored() {
        inbox.append(.reconnected)
    }

    /// Encrypts a text in an envelope and submits it to a room the bot is a member of.
    /// - Returns: Whether it was submitted.
    func post(_ body: String, room: JID) async -> Bool {
        await send([body], room: room)
    }

    /// Handles every queued stanza, then commits the leaf updates that are due. Returns when the inbox is empty;
    /// a call made while another is draining returns at once.
    public func processPending() async {
        guard !draining else { return }
        draining = true
        defer { draining = false }
        while true {
            while let item = inbox.next() {
                switch item {
                case .local(let element): await handle(element)
                case .network(let element): await handleNetwork(element)
                case .tick: await bridge?.tick()
                case .reconnected: await bridge?.reconnected()
                }
            }
            guard await updateLeaves() else { return }
        }
    }

    /// The rooms whose group the bot is in.
    public func roomJIDs() -> [JID] {
        rooms.keys.sorted { $0.description < $1.description }
    }

    /// A stanza from the XMPP server to the bot's JID: the bridge's business; an IQ it leaves gets an error.
    private func handleNetwork(_ element: XMLElement) async {
        let handled = await bridge?.received(element) ?? false
        guard !handled, element.name == "iq", ["get", "set"].contains(element.attribute("type")),
            let reply = StanzaError(.serviceUnavailable).reply(to: element)
        else { return }
        switchboard.sendToNetwork(reply)
    }

    private func handle(_ element: XMLElement) async {
        switch element.name {
        case "presence":
            guard let presence = try? Presence(element: element) else { return }
            await handle(presence)
        case "message":
            guard let message = try? Message(element: element) else { return }
            await handle(message)
        default:
            return
        }
    }

    /// XEP-0045 §10.9: the room was destroyed; its group goes with it, and the bot does not bring the room back by
    /// entering it again on its next start.
    private func handle(_ presence: Presence) async {
        guard presence.type == .unavailable, let from = presence.from, from.resourcepart == nick,
            presence.destroysRoom, rooms[from.bare] != nil
        else { return }
        await removed(from: from.bare)
    }

    private func handle(_ message: Message) async {
        if message.payload.element(named: "low-keypackages", namespace: MLSNamespace.keyPackages) != nil {
            // The directory says the stock fell below its low mark.
            do {
                try replenish()
            } catch {
                logger.error("bot cannot publish KeyPackages", metadata: ["bot": "\(jid)", "error": "\(error)"])
            }
            return
        }
        guard let from = message.from else { return }
        let room = from.bare
        if message.type == .error {
            refused(room: room)
            return
        }
        let stanzaID = message.payload.element(named: "stanza-id", namespace: XMPPNamespace.stanzaID)?.attribute("id")
        if let welcome = message.payload.element(named: "welcome", namespace: MLSNamespace.mls) {
            await join(welcome, room: room, stanzaID: stanzaID)
        } else if message.type == .groupchat,
            let mls = message.payload.element(named: "mls", namespace: MLSNamespace.mls)
        {
            guard let payload = try? Base64Field.decode(mls, what: "an MLSMessage") else { return }
            await process(payload, room: room, senderNick: from.resourcepart, stanzaID: stanzaID)
        }
    }

    /// The room refused something the bot sent: a losing commit is dropped, and the next update waits for the
    /// schedule again.
    private func refused(room: JID) {
        guard var state = rooms[room], state.group.hasPendingCommit else { return }
        state.group.discardPendingCommit()
        state.sinceUpdate = 0
        state.lastUpdate = now()
        rooms[room] = state
        logger.notice("room refused the bot's commit", metadata: ["bot": "\(jid)", "room": "\(room)"])
        saveRoom(room)
    }
}

extension BotRunner: Service {
    /// Starts the bot, then handles its inbox until the service group shuts down; ticks, and so checks the update
    /// schedule, at least every minute.
    public func run() async throws {
        try await start()
        let inbox = inbox
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(60))
                        inbox.append(.tick)
                    }
                }
                for await _ in inbox.signals {
                    await self.processPending()
                }
                group.cancelAll()
            }
        }
    }
}
