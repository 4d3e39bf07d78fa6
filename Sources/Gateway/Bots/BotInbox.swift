import Metrics
import NIOConcurrencyHelpers
import XMPP

/// What a bot's run loop is given to handle, in order, and a wake-up signal for it.
///
/// The rooms append from inside their actor without waiting; the ``BotRunner`` takes items one at a time.
final class BotInbox: Sendable {
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

    /// Queued items from `head` on; the consumed prefix is dropped now and then, so taking is O(1) amortized.
    private struct Queue {
        var items: [Item] = []
        var head = 0
        var queuedNetwork = 0
    }

    private let queue = NIOLockedValueBox(Queue())
    /// The most stanzas from the XMPP network kept waiting: anyone may send to a bridge's JID, faster than
    /// it can handle them; further ones are dropped and counted. Room traffic is never dropped.
    let networkLimit: Int
    /// Yields once per append; the run loop drains the inbox on each.
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(networkLimit: Int = 1_000) {
        self.networkLimit = networkLimit
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.signals = signals
        self.continuation = continuation
    }

    /// Queues a stanza from the rooms or the directory and wakes the run loop.
    func append(_ element: XMLElement) {
        append(.local(element))
    }

    /// Queues an item and wakes the run loop; a stanza from the network beyond ``networkLimit`` is dropped.
    /// - Returns: Whether the item was queued.
    @discardableResult
    func append(_ item: Item) -> Bool {
        let queued: Bool = queue.withLockedValue { queue in
            if case .network = item {
                guard queue.queuedNetwork < networkLimit else { return false }
                queue.queuedNetwork += 1
            }
            queue.items.append(item)
            return true
        }
        guard queued else {
            Counter(label: "mlsgate_bot_network_stanzas_dropped_total").increment()
            return false
        }
        continuation.yield(())
        return true
    }

    /// The oldest queued item, removed.
    func next() -> Item? {
        queue.withLockedValue { queue in
            guard queue.head < queue.items.count else { return nil }
            let item = queue.items[queue.head]
            queue.head += 1
            if case .network = item { queue.queuedNetwork -= 1 }
            if queue.head == queue.items.count {
                queue.items.removeAll(keepingCapacity: true)
                queue.head = 0
            } else if queue.head >= 1_024, queue.head * 2 >= queue.items.count {
                queue.items.removeFirst(queue.head)
                queue.head = 0
            }
            return item
        }
    }
}
