import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The body libFuzzer calls, set once by ``Fuzzer/run(seeds:_:)`` before the driver starts.
nonisolated(unsafe) private var fuzzBody: (([UInt8]) -> Void)?

/// Starts a fuzz target.
///
/// `TARGET --write-seeds DIR` writes the target's generated seed inputs into `DIR` and exits; any other arguments
/// go to libFuzzer (`TARGET CORPUS_DIR -max_total_time=30`, ...).
public enum Fuzzer {
    /// Runs libFuzzer with `body`, or writes the seeds; never returns.
    /// - Parameters:
    ///   - seeds: The target's seed inputs, made when `--write-seeds` is given.
    ///   - body: Handles one input; a crash, a trap or a sanitizer report is a finding.
    public static func run(seeds: () throws -> [[UInt8]], _ body: @escaping ([UInt8]) -> Void) -> Never {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "--write-seeds" {
            do {
                let inputs = try seeds()
                try write(inputs, to: URL(fileURLWithPath: arguments[2]))
                print("wrote \(inputs.count) seeds to \(arguments[2])")
                exit(0)
            } catch {
                FileHandle.standardError.write(Data("cannot make the seeds: \(error)\n".utf8))
                exit(1)
            }
        }
        fuzzBody = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(
            runDriver(&argc, &argv) { data, size in
                let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                fuzzBody?(input)
                return 0
            })
    }

    private static func write(_ inputs: [[UInt8]], to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for input in inputs {
            try Data(input).write(to: directory.appendingPathComponent("seed-\(fnv1a(input))"))
        }
    }

    /// A stable name for a seed, so writing the same seeds twice leaves one file each.
    private static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
