import Foundation
import MLS

/// What a bot keeps about one room it is a member of.
struct BotRoom: Sendable {
    /// The bot's state of the room's group.
    var group: Group
    /// The `<stanza-id/>` of the last room message processed; catch-up asks for history after it.
    var lastStanzaID: String?
    /// Messages processed since the bot's last own commit.
    var sinceUpdate: Int
    /// When the bot last committed, or joined.
    var lastUpdate: Date
    /// Stanza ids already processed in this run, so that a message seen in catch-up and live is processed once.
    var seen: Set<String> = []
    /// The envelopes already delivered in the epochs the group still reads, to drop replays.
    var envelopes = EnvelopeGuard()

    /// Records a processed message.
    mutating func processed(_ stanzaID: String?) {
        sinceUpdate += 1
        guard let stanzaID else { return }
        lastStanzaID = stanzaID
        if seen.count >= 1024 { seen.removeAll() }
        seen.insert(stanzaID)
    }
}
