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
        if let problem = TOMLTextCheck.firstProblem(in: text) {
            let location = locatingSyntaxErrors ? " at line \(problem.line), column \(problem.column)" : ""
            var syntax = ConfigurationError(.syntax, key: nil, "\(problem.reason)\(location)")
            if locatingSyntaxErrors { syntax.documentLine = problem.line }
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
