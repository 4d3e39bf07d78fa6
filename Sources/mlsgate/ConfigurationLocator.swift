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

    /// The 1-based line of `[table]` or of `key` in `[table]`, or of entry N of an array of tables or a key in it.
    /// - Parameter key: A key as errors name it: `[table]`, `[table] key`, `[[array]] #N` or `[[array]] #N key`.
    /// - Returns: The line, or nil when the key is not in the text (for example a missing key, or one set only by
    ///   the environment).
    func line(of key: String) -> Int? {
        if key.hasPrefix("[[") { return entryLine(of: key) }
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
            if !name.isEmpty, current == table, Self.line(line, sets: name) { return index + 1 }
        }
        return nil
    }

    /// The line of `[[array]] #N`, or of `key` in that entry (a `key =` line, or a `[array.key]` header); the
    /// entry's own line when the key is missing from it.
    private func entryLine(of key: String) -> Int? {
        guard let close = key.range(of: "]]") else { return nil }
        let array = String(key[key.index(key.startIndex, offsetBy: 2)..<close.lowerBound])
        let rest = key[close.upperBound...].trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("#") else { return nil }
        let parts = rest.dropFirst().split(separator: " ", maxSplits: 1)
        guard let number = parts.first.flatMap({ Int($0) }), number > 0 else { return nil }
        let name = parts.count > 1 ? String(parts[1]) : ""
        var entries = 0
        var entryLine: Int?
        var current: String?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let header = Self.header(line) {
                if line.hasPrefix("[[") && header == array {
                    entries += 1
                    if entries == number {
                        if name.isEmpty { return index + 1 }
                        entryLine = index + 1
                    }
                }
                current = entries == number ? header : nil
                if entries == number, !name.isEmpty, header == "\(array).\(name)" { return index + 1 }
                continue
            }
            if !name.isEmpty, current == array, Self.line(line, sets: name) { return index + 1 }
        }
        return entryLine
    }

    /// Whether a line sets a key, bare or quoted: `key = …`, or a dotted `key.sub = …`.
    private static func line(_ line: String, sets name: String) -> Bool {
        for spelling in [name, "\"\(name)\"", "'\(name)'"] where line.hasPrefix(spelling) {
            let rest = line.dropFirst(spelling.count).drop { $0 == " " || $0 == "\t" }
            if rest.first == "=" || rest.first == "." { return true }
        }
        return false
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
