import DeliveryService
import Testing
import XMPP

@Suite struct BotStateStoreTests {
    @Test func recordsAreSavedReplacedAndDeletedPerBot() throws {
        let store = BotStateStore(store: try DeliveryStore.inMemory())
        let echo = try JID("echo@mls.example.org/mlsgate")
        let other = try JID("other@mls.example.org")
        try store.save(
            [
                BotStateRecord(kind: "identity", name: "", sealed: [1]),
                BotStateRecord(kind: "room", name: "a@mls.example.org", sealed: [2]),
            ],
            bot: echo
        )
        try store.save([BotStateRecord(kind: "identity", name: "", sealed: [9])], bot: other)
        try store.save(
            [BotStateRecord(kind: "identity", name: "", sealed: [3])],
            deleting: [(kind: "room", name: "a@mls.example.org")],
            bot: echo.bare
        )
        #expect(try store.records(bot: echo) == [BotStateRecord(kind: "identity", name: "", sealed: [3])])
        #expect(try store.records(bot: other) == [BotStateRecord(kind: "identity", name: "", sealed: [9])])
    }
}
