/// A measurement that explains a figure rather than being one, printed as a `# diagnostic` line.
public struct BenchDiagnostic: Sendable, Codable, Equatable {
    public var name: String
    public var value: Double
    /// Free text: `us`, `ms`, `bytes`.
    public var unit: String
    /// What the measurement shows.
    public var note: String

    public init(name: String, value: Double, unit: String, note: String) {
        self.name = name
        self.value = value
        self.unit = unit
        self.note = note
    }
}
