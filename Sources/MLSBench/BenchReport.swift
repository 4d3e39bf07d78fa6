import Foundation

/// What a benchmark run measured: the primitive costs, then the figures with their floors.
public struct BenchReport: Sendable, Codable {
    public var primitives: PrimitiveCosts
    public var figures: [BenchFigure]
    public var diagnostics: [BenchDiagnostic]

    /// Lines of `NAME<TAB>VALUE<TAB>UNIT<TAB>FLOOR`: first the primitives as `# ` comment lines
    /// (microseconds per operation), then one line per figure, then `# ` lines giving each
    /// floor's operation count.
    public var tsv: String {
        var lines: [String] = []
        for (name, seconds) in primitives.named {
            lines.append("# primitive_\(name)\t\(Self.format(BenchUnit.microseconds.fromSeconds(seconds)))\tus")
        }
        for figure in figures {
            lines.append("\(figure.name)\t\(Self.format(figure.value))\t\(figure.unit.rawValue)\t\(Self.format(figure.floor))")
        }
        for figure in figures {
            lines.append("# floor \(figure.name) = \(figure.operations.summary) (median of \(figure.repetitions))")
        }
        for diagnostic in diagnostics {
            lines.append("# diagnostic \(diagnostic.name)\t\(Self.format(diagnostic.value))\t\(diagnostic.unit)\t\(diagnostic.note)")
        }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON (times in the figure's unit, primitive costs in seconds).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Three decimals, enough for microsecond figures and for second-long ones in ms.
    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
