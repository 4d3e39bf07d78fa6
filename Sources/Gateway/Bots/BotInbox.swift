import Foundation
import XMPP

/// The stanzas addressed to one bot, in the order the rooms sent them, and a wake-up signal for its run loop.
///
/// The rooms append from inside their actor without waiting; the ``BotRunner`` takes them one at a time.
final class BotInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [XMLElement] = []
    /// Yields once per append or tick; the run loop drains the inbox on each.
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.signals = signals
        self.continuation = continuation
    }

    /// Queues a stanza and wakes the run loop.
    func append(_ element: XMLElement) {
        lock.withLock { items.append(element) }
        continuation.yield(())
    }

    /// Wakes the run loop without a stanza, so that it checks the update schedule.
    func wake() {
        continuation.yield(())
    }

    /// The oldest queued stanza, removed.
    func next() -> XMLElement? {
        lock.withLock { items.isEmpty ? nil : items.removeFirst() }
    }
}
