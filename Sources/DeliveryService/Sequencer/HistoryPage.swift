/// One page of a room's accepted messages, in order.
public struct HistoryPage: Hashable, Sendable {
    public var messages: [StoredMessage]
    /// Whether no later message exists; otherwise ask again after the last one.
    public var complete: Bool
}
