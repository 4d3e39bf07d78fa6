import DeliveryService
import Foundation
import MLS
import Testing
import XMPP

struct DeliveryStoreInventoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func roomSummariesCountMessagesByTypeWithoutContents() throws {
        let store = try DeliveryStore.inMemory()
        let sequencer = RoomSequencer(store: store)
        let room = try Fixtures.room()
        let alice = try Fixtures.jid("alice@example.org/phone")
        let bob = try Fixtures.jid("bob@example.org/laptop")
        _ = try sequencer.openRoom(try JID("empty@muc.example.org"))
        _ = try sequencer.submit(
            room: room, sender: alice, payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now)
        for (sender, type) in [(alice, ContentType.application), (bob, .application), (bob, .proposal)] {
            _ = try sequencer.submit(
                room: room, sender: sender, payload: Fixtures.privateMessage(group: [7], epoch: 1, type: type),
                now: now.addingTimeInterval(60))
        }

        let rooms = try store.roomSummaries()
        #expect(rooms.map(\.jid) == ["empty@muc.example.org", "room@muc.example.org"])
        #expect(
            rooms[0]
                == RoomSummary(
                    jid: "empty@muc.example.org", groupID: nil, epoch: 0, groupInfoBytes: nil, commits: 0,
                    proposals: 0, applicationMessages: 0, senders: 0, lastAcceptedAt: nil))
        let summary = try #require(try store.roomSummary(jid: "room@muc.example.org"))
        #expect(summary.groupID == [7])
        #expect(summary.epoch == 1)
        #expect(summary.commits == 1)
        #expect(summary.proposals == 1)
        #expect(summary.applicationMessages == 2)
        #expect(summary.senders == 2)
        #expect(summary.lastAcceptedAt == now.addingTimeInterval(60))
        #expect(try store.roomSummary(jid: "absent@muc.example.org") == nil)
    }

    @Test func keyPackageStocksSplitOrdinaryLastResortAndExpired() throws {
        let store = try DeliveryStore.inMemory()
        let directory = KeyPackageDirectory(store: store)
        let alice = try Fixtures.client("alice@example.org")
        let bob = try Fixtures.client("bob@example.org")
        let published = Date()
        _ = try directory.publish(
            [
                KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(alice, lifetime: 86_400)),
                KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(alice, lifetime: 10 * 86_400)),
                KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(alice), lastResort: true),
            ],
            publisher: try Fixtures.jid("alice@example.org/phone"), now: published)
        _ = try directory.publish(
            [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(bob))],
            publisher: try Fixtures.jid("bob@example.org"), now: published)

        let stocks = try store.keyPackageStocks(now: published)
        #expect(stocks.map(\.owner) == ["alice@example.org", "bob@example.org"])
        #expect(stocks[0].ordinary == 2)
        #expect(stocks[0].lastResort == 1)
        #expect(stocks[0].expired == 0)
        #expect(stocks[1].ordinary == 1)

        let later = try store.keyPackageStocks(
            owner: "alice@example.org", now: published.addingTimeInterval(2 * 86_400))
        #expect(later.count == 1)
        #expect(later[0].ordinary == 1)
        #expect(later[0].expired == 1)
        let nextExpiry = try #require(later[0].nextExpiry)
        #expect(nextExpiry > published.addingTimeInterval(2 * 86_400))
        #expect(try store.keyPackageStocks(owner: "carol@example.org", now: published).isEmpty)
    }
}
