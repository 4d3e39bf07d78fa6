import MLS

/// Runs the whole benchmark: primitives, `keypackage_gen`, then the group scenario per size.
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
        let costs = try PrimitiveCosts.measure(provider: client.provider, repetitions: plan.primitives)

        log("keypackage_gen")
        var samples: [Double] = []
        for _ in 0..<plan.keyPackage {
            samples.append(try Stopwatch.timeSync { try client.makeKeyPackage() }.seconds)
        }
        let count = FloorModel.keyPackageGeneration()
        var figures = [BenchFigure(
            name: "keypackage_gen", seconds: Stopwatch.median(samples), unit: .microseconds,
            floorSeconds: count.seconds(at: costs), repetitions: samples.count, operations: count)]

        for size in sizes {
            figures += try await GroupScenario(size: size, plan: plan, costs: costs, log: log).run()
        }
        return BenchReport(primitives: costs, figures: figures)
    }
}
