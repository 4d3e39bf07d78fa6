import Foundation

/// Finds the line of a table or key in the text of a TOML document, so that errors can point at it.
///
/// TOMLKit reports positions only for syntax errors, so tables and keys are found by scanning the text: a table by
/// its `[name]` header, a key by a `key =` line under that header (bare or quoted), or by a `[table.key]` header.
struct ConfigurationLocator: Sendable {
    /// The document's lines, without their ends.
    private let lines: [Substring]

    /// - Parameter text: The TOML document.
    init(text: String) {
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of `[table]` or of `key` in `[table]`.
    /// - Parameter key: A key as errors name it: `[table]` or `[table] key`.
    /// - Returns: The line, or nil when the key is not in the text (for example a missing key, or one set only by
    ///   the environment).
    func line(of key: String) -> Int? {
        guard key.hasPrefix("["), let close = key.firstIndex(of: "]") else { return nil }
        let table = String(key[key.index(after: key.startIndex)..<close])
        let name = key[key.index(after: close)...].trimmingCharacters(in: .whitespaces)
        var current: String?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let header = Self.header(line) {
                current = header
                if name.isEmpty ? header == table : header == "\(table).\(name)" { return index + 1 }
                continue
            }
            guard !name.isEmpty, current == table else { continue }
            for spelling in [name, "\"\(name)\"", "'\(name)'"] where line.hasPrefix(spelling) {
                let rest = line.dropFirst(spelling.count).drop { $0 == " " || $0 == "\t" }
                if rest.first == "=" || rest.first == "." { return index + 1 }
            }
        }
        return nil
    }

    /// The table a `[name]` or `[[name]]` header line opens, or nil for any other line.
    private static func header(_ line: String) -> String? {
        guard line.hasPrefix("[") else { return nil }
        var body = Substring(line)
        if let comment = body.firstIndex(of: "#") { body = body[..<comment] }
        body = Substring(body.trimmingCharacters(in: .whitespaces))
        let brackets = body.hasPrefix("[[") ? 2 : 1
        guard body.hasSuffix(String(repeating: "]", count: brackets)) else { return nil }
        let inner = body.dropFirst(brackets).dropLast(brackets)
        return inner.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ".")
    }
}
