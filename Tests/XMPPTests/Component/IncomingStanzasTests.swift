import NIOPosix
import Testing

@testable import XMPP

struct IncomingStanzasTests {
    /// In production the connection's event loop admits stanzas while the consumer's task takes them on another
    /// thread, so the counts change from two threads at once. Run under ThreadSanitizer (`scripts/test-tsan`),
    /// this loop reports any access to the counts that the lock does not order; it also checks that the counts
    /// come back to zero exactly.
    @Test(.timeLimit(.minutes(1)))
    func admittingOnTheEventLoopWhileTheConsumerTakesKeepsExactCounts() async throws {
        let limit = 16
        let counter = PendingStanzaCounter(perSender: limit, total: limit)
        let (stream, continuation) = AsyncStream.makeStream(of: PendingStanza.self)
        let incoming = IncomingStanzas(stream: stream, counter: counter)
        let senders = ["alice@localhost/a", "bob@localhost/b", "carol@localhost/c"]
        let rounds = 3_000

        let consumer = Task {
            var taken = 0
            for await _ in incoming { taken += 1 }
            return taken
        }
        let admitted = try await MultiThreadedEventLoopGroup.singleton.next().submit {
            var admitted = 0
            for round in 0..<rounds {
                let stanza = XMLElement(
                    name: "message", namespace: XMPPNamespace.component,
                    attributes: [XMLAttribute(name: "from", value: senders[round % senders.count])])
                if let pending = counter.admit(stanza) {
                    admitted += 1
                    continuation.yield(pending)
                }
            }
            continuation.finish()
            return admitted
        }.get()
        let taken = await consumer.value

        #expect(admitted > 0)
        #expect(taken == admitted)
        // Everything taken was counted out: one sender may have the whole limit waiting again, and no more.
        let again = (0...limit).map { _ in
            counter.admit(XMLElement(name: "message", attributes: [XMLAttribute(name: "from", value: senders[0])]))
        }
        #expect(again.prefix(limit).allSatisfy { $0 != nil })
        #expect(again.last! == nil)
    }
}
