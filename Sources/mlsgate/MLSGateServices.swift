import DeliveryService
import Foundation
import Gateway
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Prometheus
import ServiceLifecycle
import XMPP

/// The long-lived pieces of a running gateway, wired together, in the order a `ServiceGroup` must start them.
struct MLSGateServices {
    /// The XEP-0114 connection.
    let connection: ComponentConnection
    /// The stanza handlers.
    let router: StanzaRouter
    /// The Delivery Service's database.
    let store: DeliveryStore
    /// Every service. The group stops services in reverse order, so the connection comes first and the dispatcher
    /// right after it: on SIGTERM the dispatcher finishes the stanzas it has received, their database transactions
    /// and their replies, before the connection closes the stream.
    let services: [any Service]
}

/// Builds the gateway's services from a configuration, without running anything; `main` and the tests build the
/// same graph.
/// - Parameters:
///   - config: The validated configuration.
///   - eventLoopGroup: Where network I/O runs.
///   - makeLogger: Makes the logger of a subsystem from its label.
///   - metricsRegistry: Where the metrics are kept; served when `[metrics] listen` is set.
/// - Returns: The services.
/// - Throws: `StoreError` when the database at `[storage] path` (whose parent directories are created) cannot be
///   opened.
func buildServices(
    config: Configuration,
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    makeLogger: (String) -> Logger = { Logger(label: $0) },
    metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) throws(StoreError) -> MLSGateServices {
    let store = try DeliveryStore.creating(path: config.storagePath, synchronous: config.storageSynchronous)
    let componentLogger = makeLogger("mlsgate.component")
    // The connection reports undeliverable stanzas to the router, which needs the connection to send: the box
    // closes the loop once both exist.
    let routerBox = NIOLockedValueBox<StanzaRouter?>(nil)
    // Bridges rejoin what they are in elsewhere when the connection comes back; they exist after the connection.
    let runnersBox = NIOLockedValueBox<[BotRunner]>([])
    let roomsBox = NIOLockedValueBox<RoomHost?>(nil)
    let connection = makeConnection(
        config: config, eventLoopGroup: eventLoopGroup, logger: componentLogger, routerBox: routerBox,
        runnersBox: runnersBox, roomsBox: roomsBox)
    // Stanzas to a bot's JID stay in the process; everything else goes to the XMPP server. Stanzas the server sends
    // to a bridge's JID go to the bridge before the router's handlers.
    let switchboard = BotSwitchboard { connection.send($0) }
    let send = switchboard.sink
    let domain = config.component.domain
    let directory = KeyPackageDirectory(store: store, configuration: config.directory)
    var router = StanzaRouter(domain: domain, software: .mlsgate, logger: makeLogger("mlsgate.router"))
    router.divert { switchboard.divert($0) }
    KeyPackageHandler(directory: directory, domain: domain, send: send, logger: makeLogger("mlsgate.directory"))
        .register(on: &router)
    let sequencer = RoomSequencer(store: store, configuration: config.sequencer)
    let rooms = RoomHost(
        sequencer: sequencer,
        domain: domain,
        configuration: RoomHostConfiguration(
            reservedJIDs: Set(config.bots.map(\.jid) + config.bridges.map(\.jid)), defaultPolicy: config.roomPolicy,
            serviceAdmins: config.admins, limits: config.roomLimits),
        send: send,
        logger: makeLogger("mlsgate.rooms")
    )
    rooms.register(on: &router)
    roomsBox.withLockedValue { $0 = rooms }
    // The bots are built after the router they speak through; the admin commands read them from the box.
    registerAdminCommands(
        on: &router, config: config, store: store, rooms: rooms, runnersBox: runnersBox,
        logger: makeLogger("mlsgate.admin"))
    routerBox.withLockedValue { $0 = router }
    let dispatcher = StanzaDispatcher(connection: connection, router: router)
    let sweeper = KeyPackageSweeper(directory: directory, logger: makeLogger("mlsgate.directory"))
    let bots = buildBots(
        config: config, directory: directory, store: store, switchboard: switchboard, router: router,
        logger: makeLogger("mlsgate.bots"), bridgeLogger: makeLogger("mlsgate.bridges"))
    runnersBox.withLockedValue { $0 = bots }
    // Shut down first, while the stream is still up: the occupants learn that the rooms go away.
    var services: [any Service] = [connection, dispatcher, sweeper] + bots + [RoomShutdown(rooms: rooms)]
    if let listen = config.metricsListen {
        services.append(
            MetricsServer(
                address: listen,
                registry: metricsRegistry,
                refresh: storeGauges(
                    store: store, registry: metricsRegistry, botCount: bots.count, logger: makeLogger("mlsgate.metrics")),
                eventLoopGroup: eventLoopGroup,
                logger: makeLogger("mlsgate.metrics")
            )
        )
    }
    return MLSGateServices(connection: connection, router: router, store: store, services: services)
}

/// Registers the XEP-0050 administration commands, which list the bots and bridges and make them leave rooms.
private func registerAdminCommands(
    on router: inout StanzaRouter,
    config: Configuration,
    store: DeliveryStore,
    rooms: RoomHost,
    runnersBox: NIOLockedValueBox<[BotRunner]>,
    logger: Logger
) {
    let domain = config.component.domain
    let members = config.bots.map { (jid: $0.jid, kind: $0.kind.rawValue) }
        + config.bridges.map { (jid: $0.jid, kind: $0.kind.rawValue) }
    AdminCommands(
        configuration: AdminConfiguration(admins: config.admins), domain: domain, store: store, rooms: rooms,
        bots: { await BotListing.listings(members, runners: runnersBox.withLockedValue { $0 }) },
        removeBot: { bot, room in
            guard let runner = runnersBox.withLockedValue({ $0 }).first(where: { $0.jid == bot.bare }) else {
                return nil
            }
            return await runner.leave(room)
        },
        logger: logger
    ).register(on: &router)
}

/// The connection to the XMPP server: it tells the bridges when it is back, and hands undeliverable stanzas' error
/// replies to the router.
private func makeConnection(
    config: Configuration,
    eventLoopGroup: any EventLoopGroup,
    logger componentLogger: Logger,
    routerBox: NIOLockedValueBox<StanzaRouter?>,
    runnersBox: NIOLockedValueBox<[BotRunner]>,
    roomsBox: NIOLockedValueBox<RoomHost?>
) -> ComponentConnection {
    ComponentConnection(
        configuration: config.component,
        names: .mlsgate,
        eventLoopGroup: eventLoopGroup,
        logger: componentLogger,
        authenticated: { count in
            guard count > 1 else { return }
            // The server's sessions may be gone with the old stream: their occupants must not hold the nicks.
            if let rooms = roomsBox.withLockedValue({ $0 }) {
                let rebuilt = Date()
                Task { await rooms.removeServerOccupants(joinedBefore: rebuilt) }
            }
            for runner in runnersBox.withLockedValue({ $0 }) { runner.connectionRestored() }
        }
    ) { undeliverable in
        componentLogger.warning(
            "stanza not delivered to the XMPP server",
            metadata: [
                "condition": "\(undeliverable.error.condition.rawValue)",
                "to": "\(undeliverable.original.attribute("to") ?? "")",
            ]
        )
        // The error reply goes back to the local sender through the router, like any stanza addressed to us.
        if let reply = undeliverable.reply, let router = routerBox.withLockedValue({ $0 }) {
            Task { _ = await router.route(reply) }
        }
    }
}

/// Makes the refresh of the gauges read from the database at each scrape: rooms and KeyPackages in stock.
/// - Parameters:
///   - store: The database.
///   - registry: Where the gauges live.
///   - logger: Reports a failed read; the gauges keep their previous values then.
func storeGauges(
    store: DeliveryStore, registry: PrometheusCollectorRegistry, botCount: Int, logger: Logger
) -> @Sendable () -> Void {
    func gauge(_ name: String, _ help: String) -> Gauge {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "mlsgate", metricName: name, unitName: "", helpText: help))
    }
    let rooms = gauge("rooms", "MLS rooms in the database")
    let stock = gauge("keypackages_in_stock", "Unexpired KeyPackages in the directory, last-resort included")
    gauge("bots", "Bot and bridge accounts the gateway runs").set(Double(botCount))
    return {
        do {
            let counts = try store.inventoryCounts(now: Date())
            rooms.set(Double(counts.rooms))
            stock.set(Double(counts.keyPackagesInStock))
        } catch {
            logger.warning("cannot read the gauges from the database", metadata: ["error": "\(error)"])
        }
    }
}

/// One ``BotRunner`` per `[[bots]]` entry, then one per `[[bridges]]` entry, speaking to the rooms through the
/// router.
func buildBots(
    config: Configuration,
    directory: KeyPackageDirectory,
    store: DeliveryStore,
    switchboard: BotSwitchboard,
    router: StanzaRouter,
    logger: Logger,
    bridgeLogger: Logger
) -> [BotRunner] {
    guard let key = config.botStateKey else { return [] }
    let members: [(jid: JID, bot: any Bot)] =
        config.bots.map { ($0.jid, $0.kind.makeBot()) }
        + config.bridges.map { settings in
            switch settings.kind {
            case .mirror:
                (settings.jid, MirrorBridge(routes: settings.routes, nick: settings.nick, logger: bridgeLogger))
            }
        }
    return members.map { member in
        BotRunner(
            jid: member.jid,
            bot: member.bot,
            directory: directory,
            stateStore: BotStateStore(store: store),
            stateKey: key,
            switchboard: switchboard,
            route: { await router.route($0) },
            schedule: config.botUpdateSchedule,
            inboxNetworkLimit: config.botInboxLimit,
            logger: logger
        )
    }
}
