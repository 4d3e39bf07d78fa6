import Foundation
import TOMLKit

/// A configuration file read and parsed once: its text, for ``ConfigurationLocator``, and its TOML table, for
/// ``Configuration`` and ``ConfigurationReader``.
struct ConfigurationDocument {
    /// The document's text.
    let text: String
    /// The parsed document.
    let table: TOMLTable

    /// Parses TOML text.
    /// - Parameters:
    ///   - text: The document.
    ///   - locatingSyntaxErrors: Whether a syntax error's message and ``ConfigurationError/documentLine`` give its
    ///     line and column (`run`, `check-config`), or carry the parser's text alone (the operator commands).
    /// - Throws: ``ConfigurationError`` with code `syntax`.
    init(text: String, locatingSyntaxErrors: Bool = true) throws(ConfigurationError) {
        self.text = text
        // TOML allows no control character but tab, line feed and carriage return anywhere. The parser is handed a
        // C string, cut at the first NUL, and stops on an assertion for some others, so they are refused here.
        if let (line, column) = Self.firstControlCharacter(in: text) {
            var syntax = ConfigurationError(
                .syntax, key: nil,
                "control character"
                    + (locatingSyntaxErrors ? " at line \(line), column \(column)" : "")
                    + ": TOML allows only tab, line feed and carriage return")
            if locatingSyntaxErrors { syntax.documentLine = line }
            throw syntax
        }
        do {
            self.table = try TOMLTable(string: text)
        } catch let error as TOMLParseError where locatingSyntaxErrors {
            var syntax = ConfigurationError(
                .syntax,
                key: nil,
                "\(error.description) at line \(error.source.begin.line), column \(error.source.begin.column)"
            )
            syntax.documentLine = error.source.begin.line
            throw syntax
        } catch {
            throw ConfigurationError(.syntax, key: nil, "\(error)")
        }
    }

    /// The line and column, from 1, of the first control character TOML forbids (U+0000–U+001F but tab, line
    /// feed and carriage return, and U+007F); nil when there is none.
    private static func firstControlCharacter(in text: String) -> (line: Int, column: Int)? {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                line += 1
                column = 0
            case 0x09, 0x0D:
                break
            case 0x00...0x1F, 0x7F:
                return (line, column)
            default:
                break
            }
            column += 1
        }
        return nil
    }

    /// The text of a configuration file.
    /// - Parameter path: The TOML file.
    /// - Throws: ``ConfigurationError`` with code `unreadable`.
    static func readText(path: String) throws(ConfigurationError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(.unreadable, key: nil, "cannot read \(path): \(error.localizedDescription)")
        }
    }
}
