/// A benchmark run that could not complete.
public enum BenchError: Error, CustomStringConvertible {
    /// A scenario step did not produce what it should have.
    case check(String)

    public var description: String {
        switch self {
        case .check(let message): "benchmark check failed: \(message)"
        }
    }
}
