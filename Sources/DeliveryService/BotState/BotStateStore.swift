import Foundation
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
        do {
            return try store.writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT kind, name, sealed FROM bot_state WHERE bot = ? ORDER BY kind, name",
                    arguments: [bot.bare.description]
                ).map { row in
                    BotStateRecord(kind: row["kind"], name: row["name"], sealed: [UInt8](row["sealed"] as Data))
                }
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot read the state of bot \(bot.bare)", cause: error)
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
        do {
            try store.writer.write { db in
                for record in records {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO bot_state (bot, kind, name, sealed) VALUES (?, ?, ?, ?)",
                        arguments: [owner, record.kind, record.name, Data(record.sealed)]
                    )
                }
                for key in deleting {
                    try db.execute(
                        sql: "DELETE FROM bot_state WHERE bot = ? AND kind = ? AND name = ?",
                        arguments: [owner, key.kind, key.name]
                    )
                }
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot save the state of bot \(bot.bare)", cause: error)
        }
    }
}
