import DeliveryService
import Foundation
import Gateway
import MLS
import Testing
import XMPP

@Suite struct KeyPackageHandlerTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"
    let domain = "mls.example.org"

    func publish(_ harness: H, from: String, _ keyPackages: [XMLElement]) async -> XMLElement? {
        await harness.route(H.iq("set", from: from, to: domain, H.keyPackages("publish", children: keyPackages)))
            .first
    }

    func fetch(_ harness: H, from: String, jid: String, suite: String? = "1") async -> [XMLElement] {
        var attributes = ["jid": jid]
        attributes["cipher-suite"] = suite
        return await harness.route(H.iq("get", from: from, to: domain, H.keyPackages("fetch", attributes)))
    }

    func count(_ harness: H, from: String) async -> XMLElement? {
        await harness.route(H.iq("get", from: from, to: domain, H.keyPackages("count"))).first?.elements.first
    }

    func keyPackage(_ identity: String) throws -> [UInt8] {
        MLSMessage(body: .keyPackage(try H.client(identity).makeKeyPackage().keyPackage)).tlsEncoded
    }

    @Test func publishCountAndFetchServeEachKeyPackageOnce() async throws {
        let harness = try H()
        let client = try H.client("alice@example.org")
        let first = MLSMessage(body: .keyPackage(try client.makeKeyPackage().keyPackage)).tlsEncoded
        let lastResort = MLSMessage(body: .keyPackage(try client.makeKeyPackage().keyPackage)).tlsEncoded
        let reply = await publish(
            harness,
            from: alice,
            [H.keyPackageElement(first), H.keyPackageElement(lastResort, lastResort: true)]
        )
        #expect(reply?.attribute("type") == "result")
        let published = reply?.child(named: "published", namespace: MLSNamespace.keyPackages)
        #expect(published?.attribute("available") == "1")

        let stock = await count(harness, from: alice)
        #expect(stock?.name == "count")
        #expect(stock?.attribute("available") == "1")
        #expect(stock?.attribute("last-resort") == "true")

        let served = await fetch(harness, from: bob, jid: "alice@example.org")
        let result = try #require(served.last?.child(named: "key-packages", namespace: MLSNamespace.keyPackages))
        #expect(result.attribute("jid") == "alice@example.org")
        #expect(result.elements.map(\.text) == [H.base64(first)])
        let again = await fetch(harness, from: bob, jid: "alice@example.org")
        let second = try #require(again.last?.child(named: "key-packages", namespace: MLSNamespace.keyPackages))
        #expect(second.elements.map(\.text) == [H.base64(lastResort)])
        #expect(await count(harness, from: alice)?.attribute("available") == "0")
    }

    @Test func aForgedKeyPackageRejectsThePublishAndStoresNothing() async throws {
        let harness = try H()
        var forged = try H.client("alice@example.org").makeKeyPackage().keyPackage
        forged.signature[0] ^= 0x01
        let reply = await publish(
            harness,
            from: alice,
            [
                H.keyPackageElement(try keyPackage("alice@example.org")),
                H.keyPackageElement(MLSMessage(body: .keyPackage(forged)).tlsEncoded),
            ]
        )
        #expect(reply?.attribute("type") == "error")
        #expect(reply?.errorCondition == "bad-request")
        #expect(reply?.errorApplicationCondition?.name == "bad-signature")
        #expect(reply?.errorText?.isEmpty == false)
        #expect(await count(harness, from: alice)?.attribute("available") == "0")
    }

    @Test func aKeyPackageNamingAnotherJIDIsRejected() async throws {
        let harness = try H()
        let reply = await publish(harness, from: alice, [H.keyPackageElement(try keyPackage("bob@example.org"))])
        #expect(reply?.errorCondition == "bad-request")
        #expect(reply?.errorApplicationCondition?.name == "identity-mismatch")
        #expect(await count(harness, from: alice)?.attribute("available") == "0")
    }

    @Test(arguments: ["not base64!", "QUJD\nREVG", ""])
    func publishRejectsTextThatIsNotBase64(_ text: String) async throws {
        let harness = try H()
        let element = XMLElement(name: "key-package", namespace: MLSNamespace.keyPackages, text: text)
        let reply = await publish(harness, from: alice, [element])
        #expect(reply?.errorCondition == "bad-request")
        #expect(reply?.errorText?.contains("key-package") == true)
    }

    @Test func publishRejectsBytesThatAreNotAKeyPackage() async throws {
        let harness = try H()
        let reply = await publish(harness, from: alice, [H.keyPackageElement([1, 2, 3])])
        #expect(reply?.errorCondition == "bad-request")
        #expect(reply?.errorApplicationCondition?.name == "malformed-key-package")
    }

    @Test func publishWithoutKeyPackagesIsABadRequest() async throws {
        let harness = try H()
        #expect(await publish(harness, from: alice, [])?.errorCondition == "bad-request")
    }

    @Test func fetchOfAnUnknownJIDIsItemNotFound() async throws {
        let harness = try H()
        let reply = await fetch(harness, from: bob, jid: "nobody@example.org")
        #expect(reply.last?.errorCondition == "item-not-found")
        #expect(reply.last?.errorApplicationCondition?.name == "unknown-jid")
    }

    @Test func fetchNeedsACipherSuiteAndAValidJID() async throws {
        let harness = try H()
        #expect(
            await fetch(harness, from: bob, jid: "alice@example.org", suite: nil).last?.errorCondition == "bad-request"
        )
        #expect(await fetch(harness, from: bob, jid: "@@", suite: "1").last?.errorCondition == "jid-malformed")
    }

    @Test func fetchBeyondTheQuotaIsAResourceConstraint() async throws {
        let harness = try H(directory: DirectoryConfiguration(fetchQuota: 1))
        _ = await publish(harness, from: alice, [H.keyPackageElement(try keyPackage("alice@example.org"))])
        #expect(await fetch(harness, from: bob, jid: "alice@example.org").last?.attribute("type") == "result")
        let refused = await fetch(harness, from: bob, jid: "alice@example.org")
        #expect(refused.last?.errorCondition == "resource-constraint")
    }

    @Test func aFetchThatCrossesTheLowMarkTellsTheOwner() async throws {
        let harness = try H(directory: DirectoryConfiguration(lowMark: 2))
        let client = try H.client("alice@example.org")
        let packages = try (0..<2).map { _ in
            H.keyPackageElement(MLSMessage(body: .keyPackage(try client.makeKeyPackage().keyPackage)).tlsEncoded)
        }
        _ = await publish(harness, from: alice, packages)
        let sent = await fetch(harness, from: bob, jid: "alice@example.org")
        #expect(sent.count == 2)
        let notice = try #require(sent.first)
        #expect(notice.name == "message")
        #expect(notice.attribute("to") == "alice@example.org")
        #expect(notice.attribute("from") == domain)
        let low = notice.child(named: "low-keypackages", namespace: MLSNamespace.keyPackages)
        #expect(low?.attribute("available") == "1")
        #expect(sent.last?.attribute("type") == "result")
    }

    @Test func directoryRequestsToARoomAreNotServed() async throws {
        let harness = try H()
        let reply = await harness.route(
            H.iq("get", from: alice, to: "room@\(domain)", H.keyPackages("count"))
        )
        #expect(reply.first?.errorCondition == "service-unavailable")
    }
}
