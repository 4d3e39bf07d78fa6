import Foundation
import Logging

/// Keeps what a logger logs, for tests of what the operator reads.
final class LogRecorder: @unchecked Sendable {
    /// One logged line: its level, its message and its metadata as text.
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let lock = NSLock()
    private var entries: [Entry] = []

    /// A logger whose every line at trace level or above is kept here.
    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Everything logged so far, in order.
    var all: [Entry] { lock.withLock { entries } }

    fileprivate func append(_ entry: Entry) {
        lock.withLock { entries.append(entry) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            let merged = self.metadata.merging(metadata ?? [:]) { $1 }.mapValues { "\($0)" }
            recorder.append(Entry(level: level, message: message.description, metadata: merged))
        }
    }
}
