import ArgumentParser
import DeliveryService
import Foundation
import MLS
import XMPP

/// `mlsgate bench-storage`: the messages per second the Delivery Service accepts on a file database, with each
/// `[storage] synchronous` mode, measured in one run.
struct StorageBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-storage",
        abstract: "Measure accepted room messages per second with [storage] synchronous = full and normal.",
        discussion: """
            Each round opens a fresh database in the directory, binds a room with one commit and submits \
            application messages to the sequencer one at a time, each in its own transaction as mlsgate does. \
            Rounds alternate between the modes. Prints `NAME<TAB>VALUE<TAB>UNIT` lines: \
            store_accept_full and store_accept_normal (the median round, in msg/s) and \
            store_full_over_normal (the ratio of their times per message). The figures depend on the disk \
            under the directory, so run it where [storage] path will live.
            """
    )

    @Option(help: "Application messages per round.")
    var messages = 1_000

    @Option(help: "Rounds per mode.")
    var rounds = 3

    @Option(help: "Where the databases are made (default: a new temporary directory, removed afterwards).")
    var directory: String?

    func run() throws {
        guard messages >= 1, rounds >= 1 else { throw ValidationError("--messages and --rounds must be at least 1") }
        let base = URL(fileURLWithPath: directory ?? NSTemporaryDirectory())
            .appendingPathComponent("mlsgate-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        var rates: [SynchronousMode: [Double]] = [:]
        for round in 0..<rounds {
            for mode in SynchronousMode.allCases {
                let path = base.appendingPathComponent("\(mode.rawValue)-\(round).sqlite").path
                let rate = try Self.acceptedPerSecond(path: path, mode: mode, messages: messages)
                let line = "bench-storage: \(mode.rawValue) round \(round + 1): \(Int(rate)) msg/s\n"
                FileHandle.standardError.write(Data(line.utf8))
                rates[mode, default: []].append(rate)
            }
        }
        let full = Self.median(rates[.full] ?? []), normal = Self.median(rates[.normal] ?? [])
        print("store_accept_full\t\(Int(full.rounded()))\tmsg/s")
        print("store_accept_normal\t\(Int(normal.rounded()))\tmsg/s")
        print("store_full_over_normal\t\(String(format: "%.2f", normal / full))\tx")
    }

    /// Submits `messages` application messages to a fresh room of a fresh database and returns their rate.
    static func acceptedPerSecond(path: String, mode: SynchronousMode, messages: Int) throws -> Double {
        let store = try DeliveryStore(path: path, synchronous: mode)
        defer { try? store.close() }
        let sequencer = RoomSequencer(store: store)
        let room = try JID("bench@mls.localhost"), sender = try JID("bench@mls.localhost/alice")
        let group = Array("bench-group".utf8)
        _ = try sequencer.submit(room: room, sender: sender, payload: message(group, .commit, size: 16), now: Date())
        let payload = message(group, .application, size: 256)
        let started = ContinuousClock.now
        for _ in 0..<messages {
            _ = try sequencer.submit(room: room, sender: sender, payload: payload, now: Date())
        }
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return Double(messages) / seconds
    }

    /// A PrivateMessage (a commit for epoch 0, else for epoch 1) whose ciphertext is `size` meaningless bytes: the
    /// sequencer reads only its header.
    static func message(_ group: [UInt8], _ type: ContentType, size: Int) -> [UInt8] {
        MLSMessage(
            body: .privateMessage(
                PrivateMessage(
                    groupID: group, epoch: type == .commit ? 0 : 1, contentType: type, authenticatedData: [],
                    encryptedSenderData: [UInt8](repeating: 1, count: 48),
                    ciphertext: [UInt8](repeating: 2, count: size)))
        ).tlsEncoded
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
