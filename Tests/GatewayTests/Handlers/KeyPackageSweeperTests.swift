import DeliveryService
import Foundation
import Gateway
import Logging
import MLS
import Testing
import XMPP

@Suite struct KeyPackageSweeperTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func sweepDeletesExpiredKeyPackagesOnly() throws {
        let store = try DeliveryStore.inMemory()
        let directory = KeyPackageDirectory(store: store)
        let client = try GatewayHarness.client("alice@example.org")
        let alice = try JID("alice@example.org")
        let short = MLSMessage(body: .keyPackage(try client.makeKeyPackage(lifetime: 3_600).keyPackage)).tlsEncoded
        let long = MLSMessage(body: .keyPackage(try client.makeKeyPackage(lifetime: 86_400).keyPackage)).tlsEncoded
        _ = try directory.publish(
            [KeyPackageUpload(bytes: short), KeyPackageUpload(bytes: long)], publisher: alice, now: Date())
        let later = Date().addingTimeInterval(7_200)
        let sweeper = KeyPackageSweeper(directory: directory, now: { later }, logger: logger)
        #expect(sweeper.sweep() == 1)
        #expect(sweeper.sweep() == 0)
        #expect(try directory.count(owner: alice, now: Date()).available == 1)
    }

    @Test func runSweepsAtOnceAndStopsWhenCancelled() async throws {
        let store = try DeliveryStore.inMemory()
        let directory = KeyPackageDirectory(store: store)
        let client = try GatewayHarness.client("alice@example.org")
        let alice = try JID("alice@example.org")
        let bytes = MLSMessage(body: .keyPackage(try client.makeKeyPackage(lifetime: 3_600).keyPackage)).tlsEncoded
        _ = try directory.publish([KeyPackageUpload(bytes: bytes)], publisher: alice, now: Date())
        let later = Date().addingTimeInterval(7_200)
        let sweeper = KeyPackageSweeper(
            directory: directory, interval: .milliseconds(10), now: { later }, logger: logger)
        let task = Task { await sweeper.run() }
        for _ in 0..<200 where try directory.count(owner: alice, now: Date()).available != 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try directory.count(owner: alice, now: Date()).available == 0)
        task.cancel()
        await task.value
    }
}
