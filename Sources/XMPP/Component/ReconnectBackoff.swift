import NIOCore

/// Exponential backoff with jitter for reconnect attempts.
///
/// The n-th delay (n from 0) is `min(initialDelay × multiplierⁿ, maximumDelay)`, shortened by a random fraction of
/// at most `jitter`: `base × (1 − jitter × u)` with `u` uniform in [0, 1) drawn from the generator passed in. The
/// result never exceeds ``maximumDelay`` and is never shorter than `base × (1 − jitter)`. ``reset()`` starts over
/// after a connection that authenticated.
public struct ReconnectBackoff: Hashable, Sendable {
    /// The delay before the first attempt, before jitter.
    public var initialDelay: TimeAmount
    /// The cap on any delay.
    public var maximumDelay: TimeAmount
    /// The growth factor per attempt; values below 1 are treated as 1.
    public var multiplier: Double
    /// The randomized fraction, clamped to 0…1.
    public var jitter: Double
    /// How many delays have been handed out since the last reset.
    public private(set) var attempt = 0

    /// Makes a backoff.
    /// - Parameters:
    ///   - initialDelay: The first delay.
    ///   - maximumDelay: The cap.
    ///   - multiplier: The growth factor.
    ///   - jitter: The randomized fraction.
    public init(initialDelay: TimeAmount, maximumDelay: TimeAmount, multiplier: Double, jitter: Double) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
        self.jitter = jitter
    }

    /// Returns the next delay and counts the attempt.
    /// - Parameter generator: The random source for the jitter.
    /// - Returns: The delay to wait before the next attempt.
    public mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> TimeAmount {
        let cap = Double(max(maximumDelay.nanoseconds, 0))
        var base = Double(max(initialDelay.nanoseconds, 0))
        for _ in 0..<attempt where base < cap {
            base *= max(multiplier, 1)
        }
        base = min(base, cap)
        if base < cap { attempt += 1 }
        let fraction = min(max(jitter, 0), 1) * Double.random(in: 0..<1, using: &generator)
        return .nanoseconds(Int64((base * (1 - fraction)).rounded()))
    }

    /// Starts over from ``initialDelay``.
    public mutating func reset() {
        attempt = 0
    }
}
