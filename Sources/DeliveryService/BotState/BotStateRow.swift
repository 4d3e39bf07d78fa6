import Foundation
import GRDB

/// A row of `bot_state`: one sealed ``BotStateRecord`` of one bot.
///
/// ```text
/// bot_state(bot, kind, name, sealed)   primary key (bot, kind, name)
/// ```
struct BotStateRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bot_state"

    /// The bot's bare JID.
    var bot: String
    /// The record's kind.
    var kind: String
    /// Which one of its kind.
    var name: String
    /// The ciphertext.
    var sealed: Data

    /// The columns, named after the properties, for coding and for queries.
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case bot, kind, name, sealed
    }

    typealias Columns = CodingKeys

    /// The row of `record` for `bot`.
    init(bot: String, record: BotStateRecord) {
        self.bot = bot
        kind = record.kind
        name = record.name
        sealed = Data(record.sealed)
    }

    /// The record the row holds.
    var record: BotStateRecord {
        BotStateRecord(kind: kind, name: name, sealed: Array(sealed))
    }
}
