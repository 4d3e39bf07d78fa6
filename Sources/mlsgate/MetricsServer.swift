import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// The Prometheus endpoint: a minimal HTTP server answering `GET /metrics` on `[metrics] listen`.
struct MetricsServer: Service {
    /// Where to listen.
    let address: ListenAddress
    /// The metrics exposed.
    let registry: PrometheusCollectorRegistry
    /// Updates gauges read from elsewhere before each exposition.
    let refresh: @Sendable () -> Void
    /// Where the sockets run.
    let eventLoopGroup: any EventLoopGroup
    /// Logs binding and stopping.
    let logger: Logger

    /// Binds the listening socket.
    /// - Returns: The server channel; its `localAddress` has the port chosen when `address.port` is 0.
    /// - Throws: The system's error when the address cannot be bound.
    func bind() async throws -> any Channel {
        let registry = registry
        let refresh = refresh
        return try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        MetricsHTTPHandler(registry: registry, refresh: refresh)
                    )
                }
            }
            .bind(host: address.host, port: address.port)
            .get()
    }

    /// Serves until graceful shutdown.
    func run() async throws {
        let channel: any Channel
        do {
            channel = try await bind()
        } catch {
            logger.critical("cannot listen for metrics on \(address); check [metrics] listen: \(error)")
            throw error
        }
        logger.info("serving metrics", metadata: ["listen": "\(channel.localAddress.map { "\($0)" } ?? "\(address)")"])
        try? await gracefulShutdown()
        try? await channel.close()
    }
}

extension MetricsServer: CustomStringConvertible {
    /// The name the service group logs.
    var description: String { "MetricsServer(\(address))" }
}
