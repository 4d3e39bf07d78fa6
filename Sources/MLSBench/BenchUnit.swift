/// The unit a figure is reported in.
public enum BenchUnit: String, Sendable, Codable {
    case microseconds = "us"
    case milliseconds = "ms"

    /// How many of this unit make one second.
    public var perSecond: Double {
        switch self {
        case .microseconds: 1_000_000
        case .milliseconds: 1_000
        }
    }

    /// Converts seconds to this unit.
    public func fromSeconds(_ seconds: Double) -> Double { seconds * perSecond }
}
