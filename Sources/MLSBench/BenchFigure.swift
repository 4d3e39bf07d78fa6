/// One measured figure: its value and the floor it is compared with, both in `unit`.
public struct BenchFigure: Sendable, Codable, Equatable {
    /// The figure's name, e.g. `commit_create_n100`.
    public var name: String
    /// The measured time (median of `repetitions` runs).
    public var value: Double
    public var unit: BenchUnit
    /// The cost of the primitive operations the figure cannot avoid (see `FloorModel`).
    public var floor: Double
    /// How many times it was measured.
    public var repetitions: Int
    /// The operations counted in the floor.
    public var operations: OperationCount

    public init(name: String, seconds: Double, unit: BenchUnit, floorSeconds: Double, repetitions: Int,
                operations: OperationCount) {
        self.name = name
        self.value = unit.fromSeconds(seconds)
        self.unit = unit
        self.floor = unit.fromSeconds(floorSeconds)
        self.repetitions = repetitions
        self.operations = operations
    }

    /// Recomputes the floor from `operations` at the given primitive costs.
    public mutating func setFloor(at costs: PrimitiveCosts) {
        floor = unit.fromSeconds(operations.seconds(at: costs))
    }

    /// `value / floor`: 1 would mean nothing but unavoidable cryptography.
    public var ratioToFloor: Double { floor > 0 ? value / floor : .infinity }
}
