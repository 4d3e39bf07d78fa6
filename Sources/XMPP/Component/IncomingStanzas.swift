import NIOConcurrencyHelpers

/// The stanzas a ``ComponentConnection`` received and its consumer has not taken yet, counted per sender, so that
/// one sender flooding the component cannot queue work without bound ahead of everyone else.
///
/// A stanza is counted from ``admit(_:)`` until an iterator of ``IncomingStanzas`` hands it out; its sender is
/// read once, at admission, and travels with it.
///
/// The counts sit behind `NIOLockedValueBox`, a pthread mutex, rather than `Synchronization.Mutex`:
/// ThreadSanitizer does not see the futex handover of `Mutex` on Linux and reports the event loop's admissions
/// and the consumer's releases as races, which would hide a real one here.
final class PendingStanzaCounter: Sendable {
    private struct Counts {
        var total = 0
        var bySender: [String: Int] = [:]
    }

    /// The most stanzas of one sender (its bare JID) waiting at once.
    let perSender: Int
    /// The most stanzas waiting at once, all senders together.
    let total: Int
    private let counts = NIOLockedValueBox(Counts())

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
    /// - Returns: The stanza with its sender, to queue, or `nil` when it may not wait.
    func admit(_ element: XMLElement) -> PendingStanza? {
        let sender = Self.sender(of: element)
        let admitted = counts.withLockedValue { counts in
            guard counts.total < total, counts.bySender[sender, default: 0] < perSender else { return false }
            counts.total += 1
            counts.bySender[sender, default: 0] += 1
            return true
        }
        return admitted ? PendingStanza(element: element, sender: sender) : nil
    }

    /// Counts a stanza out, once its consumer took it.
    func release(_ stanza: PendingStanza) {
        let sender = stanza.sender
        counts.withLockedValue { counts in
            counts.total -= 1
            let left = counts.bySender[sender, default: 1] - 1
            counts.bySender[sender] = left > 0 ? left : nil
        }
    }
}

/// A received stanza waiting to be handled, with the sender it is counted under.
struct PendingStanza: Sendable {
    var element: XMLElement
    var sender: String
}

/// The stanzas received from the server, in order; see ``ComponentConnection/incoming``.
public struct IncomingStanzas: AsyncSequence, Sendable {
    public typealias Element = XMLElement

    let stream: AsyncStream<PendingStanza>
    let counter: PendingStanzaCounter

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<PendingStanza>.AsyncIterator
        let counter: PendingStanzaCounter

        public mutating func next() async -> XMLElement? {
            guard let stanza = await base.next() else { return nil }
            counter.release(stanza)
            return stanza.element
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), counter: counter)
    }
}
