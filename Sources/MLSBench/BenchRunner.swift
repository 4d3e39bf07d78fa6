import MLS

/// Runs the whole benchmark: primitives, `keypackage_gen`, then the group scenario per size.
/// The primitives are measured before and after the figures and the cheaper cost of each is
/// kept for the floors, so that load from other processes during one of the two does not raise
/// the floors.
public struct BenchRunner: Sendable {
    /// The group sizes of the issue.
    public static let defaultSizes = [10, 100, 1000, 10000]

    public var sizes: [Int]
    public var plan: RepetitionPlan
    /// Receives progress lines (the command sends them to standard error).
    public var log: @Sendable (String) -> Void

    public init(sizes: [Int] = BenchRunner.defaultSizes, iterations: Int? = nil,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.sizes = sizes
        self.plan = RepetitionPlan(iterations: iterations)
        self.log = log
    }

    public func run() async throws -> BenchReport {
        let client = try Client(suite: GroupScenario.suite, credential: .basic(identity: Array("keypackages".utf8)))
        log("primitives")
        // The first pass also warms up code paths and caches.
        let before = try PrimitiveCosts.measure(provider: client.provider, repetitions: plan.primitives)

        log("keypackage_gen")
        var samples: [Double] = []
        for _ in 0..<plan.keyPackage {
            samples.append(try Stopwatch.timeSync { try client.makeKeyPackage() }.seconds)
        }
        var figures = [BenchFigure(
            name: "keypackage_gen", seconds: Stopwatch.median(samples), unit: .microseconds, floorSeconds: 0,
            repetitions: samples.count, operations: FloorModel.keyPackageGeneration())]
        var diagnostics: [BenchDiagnostic] = []
        for size in sizes {
            let result = try await GroupScenario(size: size, plan: plan, log: log).run()
            figures += result.figures
            diagnostics += result.diagnostics
        }

        log("primitives again")
        let after = try PrimitiveCosts.measure(provider: client.provider, repetitions: plan.primitives)
        let costs = before.cheaper(after)
        for index in figures.indices {
            figures[index].setFloor(at: costs)
        }
        return BenchReport(primitives: costs, figures: figures, diagnostics: diagnostics)
    }
}
