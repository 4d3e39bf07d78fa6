import Foundation

/// When a bot updates its leaf keys in a room (post-compromise security): it commits a full path once either
/// limit is reached since its last own commit. `nil` turns a limit off.
public struct BotUpdateSchedule: Hashable, Sendable {
    /// Messages processed in the room (commits, proposals and application messages, sent or received).
    public var messages: Int?
    /// Seconds since the bot's last own commit, or since it joined.
    public var interval: TimeInterval?

    /// Default: after 100 messages or a day.
    public init(messages: Int? = 100, interval: TimeInterval? = 86_400) {
        self.messages = messages
        self.interval = interval
    }

    /// Whether an update is due.
    func isDue(messages count: Int, since last: Date, now: Date) -> Bool {
        if let messages, count >= messages { return true }
        if let interval, now.timeIntervalSince(last) >= interval { return true }
        return false
    }
}
