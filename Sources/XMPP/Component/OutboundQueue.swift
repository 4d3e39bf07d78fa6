/// Stanzas waiting for the component stream to come back, oldest first, bounded.
///
/// A full queue refuses new stanzas instead of dropping old ones, so the refusal can be answered to the sender
/// while it still knows what it sent.
public struct OutboundQueue: Sendable {
    /// The most stanzas held.
    public let capacity: Int
    private var elements: [XMLElement] = []

    /// Makes an empty queue.
    /// - Parameter capacity: The most stanzas held; negative values count as 0.
    public init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    /// The number of stanzas waiting.
    public var count: Int { elements.count }

    /// Whether nothing waits.
    public var isEmpty: Bool { elements.isEmpty }

    /// Adds a stanza at the end.
    /// - Parameter element: The stanza.
    /// - Returns: `false` when the queue is full and the stanza was not added.
    public mutating func enqueue(_ element: XMLElement) -> Bool {
        guard elements.count < capacity else { return false }
        elements.append(element)
        return true
    }

    /// Removes and returns every waiting stanza, oldest first.
    public mutating func drain() -> [XMLElement] {
        defer { elements.removeAll() }
        return elements
    }
}
