import NIOCore
import Testing

@testable import XMPP

/// Backoff delays with an injected random source.
struct ReconnectBackoffTests {
    /// Returns the same value forever: 0 gives no jitter, `UInt64.max` the full jitter.
    struct FixedGenerator: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 { value }
    }

    private static func backoff() -> ReconnectBackoff {
        ReconnectBackoff(initialDelay: .seconds(1), maximumDelay: .seconds(10), multiplier: 2, jitter: 0.5)
    }

    @Test func delaysDoubleUpToTheCapWithoutJitter() {
        var backoff = Self.backoff()
        var generator = FixedGenerator(value: 0)
        let delays = (0..<7).map { _ in backoff.nextDelay(using: &generator) }
        #expect(
            delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10), .seconds(10)]
        )
    }

    @Test func fullJitterShortensEachDelayByTheJitterFraction() {
        var backoff = Self.backoff()
        var generator = FixedGenerator(value: .max)
        let delays = (0..<5).map { _ in backoff.nextDelay(using: &generator).nanoseconds }
        let expected: [Int64] = [500_000_000, 1_000_000_000, 2_000_000_000, 4_000_000_000, 5_000_000_000]
        for (delay, want) in zip(delays, expected) {
            #expect(abs(delay - want) < 1_000, "\(delay) vs \(want)")
        }
    }

    @Test func randomDelaysStayWithinBounds() {
        var backoff = Self.backoff()
        var generator = SystemRandomNumberGenerator()
        var base: Int64 = 1_000_000_000
        for _ in 0..<20 {
            let delay = backoff.nextDelay(using: &generator).nanoseconds
            #expect(delay <= base && delay >= base / 2)
            base = min(base * 2, 10_000_000_000)
        }
    }

    @Test func resetStartsOverFromTheInitialDelay() {
        var backoff = Self.backoff()
        var generator = FixedGenerator(value: 0)
        _ = backoff.nextDelay(using: &generator)
        _ = backoff.nextDelay(using: &generator)
        backoff.reset()
        #expect(backoff.attempt == 0)
        let result1 = backoff.nextDelay(using: &generator)
        #expect(result1 == .seconds(1))
    }
}
