import DeliveryService
import Foundation
import GRDB
import Gateway
import MLS
import Testing
import XMPP

/// A database that fails in the middle of a transaction: the sender gets `internal-server-error` with the storage
/// condition, the log says what failed with its cause (which the sender's error leaves out), nothing of the
/// transaction stays, and the next request succeeds once the database does.
///
/// The failure is a trigger, added from a second connection, that aborts inserts into one table: the transaction
/// fails after its first writes, as it does when the disk refuses a write.
@Suite struct RoomStorageFailureTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"

    static func databasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("mlsgate.sqlite").path
    }

    /// Makes every insert into `table` fail until the returned trigger is dropped.
    static func failInserts(into table: String, path: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TRIGGER fail BEFORE INSERT ON \(table) BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        return queue
    }

    static func heal(_ queue: DatabaseQueue) throws {
        try queue.write { db in try db.execute(sql: "DROP TRIGGER fail") }
        try queue.close()
    }

    @Test func aRoomMessageTheDatabaseFailsIsRefusedLoggedAndNotHalfApplied() async throws {
        let path = try Self.databasePath()
        let log = LogRecorder()
        let harness = try H(store: try DeliveryStore(path: path), logger: log.logger)
        _ = await harness.route(harness.join(alice, nick: "alice"))
        let group = [UInt8](repeating: 1, count: 16)
        let first = H.privateMessage(group: group, epoch: 0, type: .commit)
        #expect(await harness.route(harness.groupchat(alice, id: "c1", mls: H.base64(first))).count == 1)
        let failing = try Self.failInserts(into: "accepted_messages", path: path)
        // The commit's transaction moves the room to epoch 2 before it fails on the message row.
        let commit = H.privateMessage(group: group, epoch: 1, type: .commit)
        for (id, message) in [("c2", commit), ("m", H.privateMessage(group: group, epoch: 1))] {
            let sent = await harness.route(harness.groupchat(alice, id: id, mls: H.base64(message)))
            #expect(sent.count == 1)
            #expect(sent.first?.attribute("type") == "error")
            #expect(sent.first?.errorCondition == "internal-server-error")
            #expect(sent.first?.errorText == "the database failed")
            #expect(sent.first?.errorApplicationCondition?.name == "storage")
        }
        let failures = log.all.filter { $0.level == .error && $0.message == "cannot accept a room message" }
        #expect(failures.count == 2)
        #expect(failures.first?.metadata["room"] == harness.room.description)
        #expect(failures.first?.metadata["error"]?.contains("refused") == true)
        let epoch = await harness.route(harness.roomIQ(alice, "epoch")).first
        #expect(epoch?.elements.first?.attribute("epoch") == "1")
        #expect(await harness.route(harness.roomIQ(alice, "history")).first?.elements.first?.elements.count == 1)

        try Self.heal(failing)
        let accepted = await harness.route(harness.groupchat(alice, id: "c2", mls: H.base64(commit)))
        #expect(accepted.first?.attribute("type") == "groupchat")
        let after = await harness.route(harness.roomIQ(alice, "epoch")).first
        #expect(after?.elements.first?.attribute("epoch") == "2")
    }

    @Test func aKeyPackageFetchTheDatabaseFailsIsRefusedLoggedAndServesItLater() async throws {
        let path = try Self.databasePath()
        let log = LogRecorder()
        let harness = try H(store: try DeliveryStore(path: path), logger: log.logger)
        let package = MLSMessage(body: .keyPackage(try H.client("bob@example.org").makeKeyPackage().keyPackage))
            .tlsEncoded
        let publish = H.iq(
            "set", from: bob, to: "mls.example.org", H.keyPackages("publish", children: [H.keyPackageElement(package)]))
        #expect(await harness.route(publish).first?.attribute("type") == "result")
        let fetch = H.iq(
            "get", from: alice, to: "mls.example.org",
            H.keyPackages("fetch", ["jid": "bob@example.org", "cipher-suite": "1"]))
        // The fetch deletes the KeyPackage from the stock, then fails recording it as served.
        let failing = try Self.failInserts(into: "served_key_packages", path: path)
        let refused = await harness.route(fetch)
        #expect(refused.first?.errorCondition == "internal-server-error")
        #expect(refused.first?.errorText == "the database failed")
        let failures = log.all.filter { $0.level == .error && $0.message == "cannot answer a KeyPackage request" }
        #expect(failures.count == 1)
        #expect(failures.first?.metadata["error"]?.contains("refused") == true)

        try Self.heal(failing)
        let served = await harness.route(fetch).first?.elements.first?.elements.first?.text
        #expect(served == Data(package).base64EncodedString())
    }
}
