import DeliveryService
import Foundation
import Logging
import ServiceLifecycle

/// The service that deletes expired KeyPackages, their served records and lapsed fetch quotas, once at start
/// and then every `interval`, until graceful shutdown.
public struct KeyPackageSweeper: Service {
    private let directory: KeyPackageDirectory
    private let interval: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// - Parameters:
    ///   - directory: The directory to sweep.
    ///   - interval: The time between sweeps. Default one hour: a KeyPackage lives for weeks or months, and an
    ///     expired one is never served even before it is swept.
    ///   - now: The clock.
    ///   - logger: Logs each sweep that deleted something, and failures.
    public init(
        directory: KeyPackageDirectory,
        interval: Duration = .seconds(3_600),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.directory = directory
        self.interval = interval
        self.now = now
        self.logger = logger
    }

    /// Sweeps once.
    /// - Returns: How many KeyPackages were deleted, or nil when the database failed (logged).
    @discardableResult
    public func sweep() -> Int? {
        do {
            let deleted = try directory.sweepExpired(now: now())
            if deleted > 0 { logger.info("swept expired KeyPackages", metadata: ["deleted": "\(deleted)"]) }
            return deleted
        } catch {
            logger.error("cannot sweep expired KeyPackages", metadata: ["error": "\(error)"])
            return nil
        }
    }

    public func run() async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            sweep()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

extension KeyPackageSweeper: CustomStringConvertible {
    /// The name the service group logs.
    public var description: String { "KeyPackageSweeper" }
}
