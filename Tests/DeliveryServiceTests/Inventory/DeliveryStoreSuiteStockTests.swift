import DeliveryService
import Foundation
import MLS
import Testing
import XMPP

struct DeliveryStoreSuiteStockTests {
    @Test func stockIsSplitPerSuiteIntoOrdinaryLastResortAndExpired() throws {
        let store = try DeliveryStore.inMemory()
        let directory = KeyPackageDirectory(store: store)
        let chacha = CipherSuite.mls128DHKEMX25519ChaCha20Poly1305SHA256Ed25519
        let alice = try Fixtures.client("alice@example.org")
        let aliceChaCha = try Fixtures.client("alice@example.org", suite: chacha)
        let published = Date()
        _ = try directory.publish(
            [
                KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(alice, lifetime: 86_400)),
                KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(alice, lifetime: 10 * 86_400)),
                KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(alice), lastResort: true),
                KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(aliceChaCha)),
            ],
            publisher: try Fixtures.jid("alice@example.org/phone"), now: published)
        _ = try directory.publish(
            [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(try Fixtures.client("bob@example.org")))],
            publisher: try Fixtures.jid("bob@example.org"), now: published)

        let later = published.addingTimeInterval(2 * 86_400)
        let stock = try store.keyPackageStock(owner: "alice@example.org", now: later)
        #expect(stock.map(\.suite) == [Fixtures.suite, chacha])
        #expect(stock[0].ordinary == 1)
        #expect(stock[0].lastResort == 1)
        #expect(stock[0].expired == 1)
        let nextExpiry = try #require(stock[0].nextExpiry)
        #expect(nextExpiry > later)
        #expect(
            stock[1]
                == SuiteStock(suite: chacha, ordinary: 1, lastResort: 0, expired: 0, nextExpiry: stock[1].nextExpiry))
        #expect(try store.keyPackageStock(owner: "carol@example.org", now: published).isEmpty)
    }
}
