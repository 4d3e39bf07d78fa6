import Foundation
import XMPP

/// What a bot's run loop is given to handle, in order, and a wake-up signal for it.
///
/// The rooms append from inside their actor without waiting; the ``BotRunner`` takes items one at a time.
final class BotInbox: @unchecked Sendable {
    /// One thing for the run loop.
    enum Item: Sendable {
        /// A stanza from MLSGate's own rooms or directory, handed over in the process: Welcomes, reflected room
        /// messages, low-stock notices. Only these are room traffic.
        case local(XMLElement)
        /// A stanza from the XMPP server addressed to the bot's JID; never taken for room traffic.
        case network(XMLElement)
        /// The clock moved on: time to check schedules and retries.
        case tick
        /// The component connection to the XMPP server was rebuilt after an outage.
        case reconnected
    }

    private let lock = NSLock()
    private var items: [Item] = []
    /// Yields once per append; the run loop drains the inbox on each.
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.signals = signals
        self.continuation = continuation
    }

    /// Queues a stanza from the rooms or the directory and wakes the run loop.
    func append(_ element: XMLElement) {
        append(.local(element))
    }

    /// Queues an item and wakes the run loop.
    func append(_ item: Item) {
        lock.withLock { items.append(item) }
        continuation.yield(())
    }

    /// The oldest queued item, removed.
    func next() -> Item? {
        lock.withLock { items.isEmpty ? nil : items.removeFirst() }
    }
}
