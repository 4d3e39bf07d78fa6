/// How many times each figure is measured: small figures many times (the median is
/// reported), the largest once. A fixed `iterations` overrides the defaults.
public struct RepetitionPlan: Sendable {
    /// When set, every figure is measured this many times (where the scenario allows).
    public var iterations: Int?

    public init(iterations: Int? = nil) {
        self.iterations = iterations.map { max($0, 1) }
    }

    /// Per primitive operation; never fewer than 10 so that the floors are stable.
    public var primitives: Int { iterations.map { max($0, 10) } ?? 2000 }
    public var keyPackage: Int { iterations ?? 200 }
    /// Each run builds a new group and commits all the adds.
    public func addCommit(size: Int) -> Int { iterations ?? (size <= 10 ? 50 : size <= 100 ? 10 : size <= 1000 ? 3 : 1) }
    /// Each run is a different member joining from the same Welcome, so at most `size - 1`.
    public func join(size: Int) -> Int {
        min(size - 1, iterations ?? (size <= 100 ? 20 : size <= 1000 ? 5 : 1))
    }
    /// Each run is one epoch: a commit by the creator, processed by one member.
    public func pathCommit(size: Int) -> Int { iterations ?? (size <= 100 ? 50 : size <= 1000 ? 10 : 3) }
    public var application: Int { iterations ?? 500 }
}
