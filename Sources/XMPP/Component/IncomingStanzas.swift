import Synchronization

/// The stanzas a ``ComponentConnection`` received and its consumer has not taken yet, counted per sender, so that
/// one sender flooding the component cannot queue work without bound ahead of everyone else.
///
/// A stanza is counted from ``admit(_:)`` until an iterator of ``IncomingStanzas`` hands it out.
final class PendingStanzaCounter: Sendable {
    private struct Counts {
        var total = 0
        var bySender: [String: Int] = [:]
    }

    /// The most stanzas of one sender (its bare JID) waiting at once.
    let perSender: Int
    /// The most stanzas waiting at once, all senders together.
    let total: Int
    private let counts = Mutex(Counts())

    init(perSender: Int, total: Int) {
        self.perSender = perSender
        self.total = total
    }

    /// The key a stanza is counted under: its sender's bare JID, or the raw attribute when it is not a JID.
    static func sender(of element: XMLElement) -> String {
        let from = element.attribute("from") ?? ""
        return (try? JID(from).bare.description) ?? from
    }

    /// Counts a stanza in, unless its sender or everyone already has the most stanzas waiting.
    /// - Returns: Whether the stanza may be queued.
    func admit(_ element: XMLElement) -> Bool {
        let sender = Self.sender(of: element)
        return counts.withLock { counts in
            guard counts.total < total, counts.bySender[sender, default: 0] < perSender else { return false }
            counts.total += 1
            counts.bySender[sender, default: 0] += 1
            return true
        }
    }

    /// Counts a stanza out, once its consumer took it.
    func release(_ element: XMLElement) {
        let sender = Self.sender(of: element)
        counts.withLock { counts in
            counts.total -= 1
            let left = counts.bySender[sender, default: 1] - 1
            counts.bySender[sender] = left > 0 ? left : nil
        }
    }
}

/// The stanzas received from the server, in order; see ``ComponentConnection/incoming``.
public struct IncomingStanzas: AsyncSequence, Sendable {
    public typealias Element = XMLElement

    let stream: AsyncStream<XMLElement>
    let counter: PendingStanzaCounter

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<XMLElement>.AsyncIterator
        let counter: PendingStanzaCounter

        public mutating func next() async -> XMLElement? {
            guard let element = await base.next() else { return nil }
            counter.release(element)
            return element
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), counter: counter)
    }
}
