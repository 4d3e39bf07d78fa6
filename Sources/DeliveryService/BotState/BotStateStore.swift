import GRDB
import XMPP

/// The sealed state of MLSGate's bots in the Delivery Service's database, one row per (bot, kind, name).
///
/// ```text
/// bot_state(bot, kind, name, sealed)   kind: identity | key-package | room
/// ```
public struct BotStateStore: Sendable {
    let store: DeliveryStore

    /// - Parameter store: The database, shared with the directory and the rooms.
    public init(store: DeliveryStore) {
        self.store = store
    }

    /// Every record of a bot.
    /// - Parameter bot: The bot's JID; only its bare JID counts.
    /// - Throws: `StoreError` when the database cannot be read.
    public func records(bot: JID) throws(StoreError) -> [BotStateRecord] {
        try store.read(wrap: StoreError.queryFailure("cannot read the state of bot \(bot.bare)")) { db in
            try BotStateRow.filter(BotStateRow.Columns.bot == bot.bare.description)
                .order(BotStateRow.Columns.kind, BotStateRow.Columns.name)
                .fetchAll(db)
                .map(\.record)
        }
    }

    /// Writes and deletes records of a bot in one transaction.
    /// - Parameters:
    ///   - records: Records to insert or replace.
    ///   - deleting: (kind, name) pairs to delete.
    ///   - bot: The bot's JID; only its bare JID counts.
    /// - Throws: `StoreError` when the transaction fails; nothing changes then.
    public func save(_ records: [BotStateRecord], deleting: [(kind: String, name: String)] = [], bot: JID)
        throws(StoreError)
    {
        let owner = bot.bare.description
        try store.write(wrap: StoreError.queryFailure("cannot save the state of bot \(bot.bare)")) { db in
            for record in records {
                try BotStateRow(bot: owner, record: record).insert(db, onConflict: .replace)
            }
            for key in deleting {
                try BotStateRow.deleteOne(db, key: ["bot": owner, "kind": key.kind, "name": key.name])
            }
        }
    }
}
