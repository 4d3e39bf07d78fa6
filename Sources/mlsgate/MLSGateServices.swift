import Logging
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
func buildServices(
    config: Configuration,
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    makeLogger: (String) -> Logger = { Logger(label: $0) }
) -> MLSGateServices {
    let componentLogger = makeLogger("mlsgate.component")
    let router = StanzaRouter(domain: config.component.domain, logger: makeLogger("mlsgate.router"))
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
        if let reply = undeliverable.reply {
            Task { _ = await router.route(reply) }
        }
    }
    let dispatcher = StanzaDispatcher(connection: connection, router: router)
    return MLSGateServices(connection: connection, router: router, services: [dispatcher, connection])
}
