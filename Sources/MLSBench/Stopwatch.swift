/// Timing with the monotonic clock.
public enum Stopwatch {
    /// Runs `body` once and returns its result and the elapsed seconds.
    public static func time<T>(_ body: () async throws -> T) async rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await body()
        return (result, seconds(start.duration(to: clock.now)))
    }

    /// Runs a synchronous `body` once and returns its result and the elapsed seconds.
    public static func timeSync<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, seconds(start.duration(to: clock.now)))
    }

    /// A duration in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// The median of a non-empty sample (the mean of the middle two for an even count).
    public static func median(_ samples: [Double]) -> Double {
        precondition(!samples.isEmpty, "median of no samples")
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
