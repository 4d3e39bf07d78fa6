import DeliveryService
import Foundation
import Gateway
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
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
    /// Every service. The dispatcher comes first so that it is shut down last: the group stops services in
    /// reverse order, and the dispatcher ends by itself once the connection has closed.
    let services: [any Service]
}

/// Builds the gateway's services from a configuration, without running anything; `main` and the tests build the
/// same graph.
/// - Parameters:
///   - config: The validated configuration.
///   - eventLoopGroup: Where network I/O runs.
///   - makeLogger: Makes the logger of a subsystem from its label.
/// - Returns: The services.
/// - Throws: `StoreError` when the database at `[storage] path` (whose parent directories are created) cannot be
///   opened.
func buildServices(
    config: Configuration,
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    makeLogger: (String) -> Logger = { Logger(label: $0) }
) throws(StoreError) -> MLSGateServices {
    let parent = URL(fileURLWithPath: config.storagePath).deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
        throw StoreError(
            code: .openFailed,
            message: "cannot create the directory \(parent.path) for [storage] path",
            cause: error
        )
    }
    let store = try DeliveryStore(path: config.storagePath)
    let componentLogger = makeLogger("mlsgate.component")
    // The connection reports undeliverable stanzas to the router, which needs the connection to send: the box
    // closes the loop once both exist.
    let routerBox = NIOLockedValueBox<StanzaRouter?>(nil)
    let connection = ComponentConnection(
        configuration: config.component,
        eventLoopGroup: eventLoopGroup,
        logger: componentLogger
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
    // Stanzas to a bot's JID stay in the process; everything else goes to the XMPP server.
    let switchboard = BotSwitchboard { connection.send($0) }
    let send = switchboard.sink
    let domain = config.component.domain
    let directory = KeyPackageDirectory(store: store)
    var router = StanzaRouter(domain: domain, logger: makeLogger("mlsgate.router"))
    KeyPackageHandler(directory: directory, domain: domain, send: send).register(on: &router)
    RoomHost(
        sequencer: RoomSequencer(store: store),
        domain: domain,
        configuration: RoomConfiguration(reservedJIDs: Set(config.bots.map(\.jid))),
        send: send,
        logger: makeLogger("mlsgate.rooms")
    ).register(on: &router)
    routerBox.withLockedValue { $0 = router }
    let dispatcher = StanzaDispatcher(connection: connection, router: router)
    let sweeper = KeyPackageSweeper(directory: directory, logger: makeLogger("mlsgate.directory"))
    let bots: [any Service] = buildBots(
        config: config, directory: directory, store: store, switchboard: switchboard, router: router,
        logger: makeLogger("mlsgate.bots"))
    return MLSGateServices(
        connection: connection,
        router: router,
        store: store,
        services: [dispatcher, connection, sweeper] + bots
    )
}

/// One ``BotRunner`` per `[[bots]]` entry, speaking to the rooms through the router.
func buildBots(
    config: Configuration,
    directory: KeyPackageDirectory,
    store: DeliveryStore,
    switchboard: BotSwitchboard,
    router: StanzaRouter,
    logger: Logger
) -> [BotRunner] {
    guard let key = config.botStateKey else { return [] }
    return config.bots.map { settings in
        BotRunner(
            jid: settings.jid,
            bot: settings.kind.makeBot(),
            directory: directory,
            stateStore: BotStateStore(store: store),
            stateKey: key,
            switchboard: switchboard,
            route: { await router.route($0) },
            schedule: config.botUpdateSchedule,
            logger: logger
        )
    }
}
