import Foundation
import Metrics
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
    /// Queued items from `head` on; the consumed prefix is dropped now and then, so taking is O(1) amortized.
    private var items: [Item] = []
    private var head = 0
    private var queuedNetwork = 0
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
        let queued: Bool = lock.withLock {
            if case .network = item {
                guard queuedNetwork < networkLimit else { return false }
                queuedNetwork += 1
            }
            items.append(item)
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
        lock.withLock {
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if case .network = item { queuedNetwork -= 1 }
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1_024, head * 2 >= items.count {
                items.removeFirst(head)
                head = 0
            }
            return item
        }
    }
}
