import Foundation
import XMPP

/// Collects what handlers send, in order.
final class Outbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [XMLElement] = []

    func append(_ element: XMLElement) {
        lock.withLock { items.append(element) }
    }

    /// Returns and forgets everything sent so far.
    func drain() -> [XMLElement] {
        lock.withLock {
            defer { items = [] }
            return items
        }
    }
}
