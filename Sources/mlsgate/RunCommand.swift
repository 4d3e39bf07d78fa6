import ArgumentParser
import Foundation
import Gateway
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import XMPP

/// `mlsgate run --config PATH`: connects to the XMPP server as an external component and serves until SIGTERM or
/// SIGINT, which close the stream cleanly and exit 0.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gateway as an XEP-0114 component.",
        discussion: """
            Reads the TOML configuration (see Config/mlsgate.toml), connects to the XMPP server and \
            reconnects by itself when the server goes away. Logs go to standard error. Exit status: 0 after \
            SIGTERM or SIGINT; 78 when the configuration is invalid, the database cannot be opened, the server refuses it (a wrong \
            [component] secret or an unknown [component] domain) or the bots' saved state does not open with \
            [bots_state] key, since retrying cannot help; 1 otherwise.
            """
    )

    /// Exit status for configuration errors (EX_CONFIG from sysexits.h).
    static let configurationExitCode: Int32 = 78

    @Option(name: .long, help: "Path of the TOML configuration file.")
    var config: String

    func run() async throws {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("mlsgate: \(error)\n".utf8))
            throw ExitCode(Self.configurationExitCode)
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "mlsgate")
        let registry = PrometheusCollectorRegistry()
        if configuration.metricsListen != nil {
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        }
        let built: MLSGateServices
        do {
            built = try buildServices(config: configuration, metricsRegistry: registry)
        } catch {
            logger.critical("stopping: [storage] path: \(error)")
            throw ExitCode(Self.configurationExitCode)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: built.services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info(
            "starting",
            metadata: [
                "version": "\(SoftwareVersion.mlsgateVersion)",
                "domain": "\(configuration.component.domain)",
                "server": "\(configuration.component.host):\(configuration.component.port)",
            ]
        )
        do {
            try await group.run()
        } catch let error as ComponentError where error.isConfigurationError {
            logger.critical("stopping: \(error)")
            throw ExitCode(Self.configurationExitCode)
        } catch let error as BotError where error.isConfigurationError {
            logger.critical("stopping: \(error)")
            throw ExitCode(Self.configurationExitCode)
        } catch {
            logger.critical("stopping: \(error)")
            throw ExitCode.failure
        }
        logger.info("stopped")
    }
}
