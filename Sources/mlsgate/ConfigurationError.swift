/// A configuration problem as an administrator sees it: a code, a plain message, the key to fix, and where it was
/// raised. Equal by code and key.
struct ConfigurationError: Error, Hashable, CustomStringConvertible {
    /// What is wrong.
    enum Code: String, Hashable {
        /// The file cannot be read.
        case unreadable = "unreadable-file"
        /// The file is not valid TOML.
        case syntax = "toml-syntax"
        /// A required key is missing.
        case missingKey = "missing-key"
        /// A key has a value of the wrong type or out of range.
        case invalidValue = "invalid-value"
        /// A key this version does not know, often a typo.
        case unknownKey = "unknown-key"
    }

    /// The code.
    var code: Code
    /// The key to fix, such as `[component] secret`, or `nil` for the file as a whole.
    var key: String?
    /// What is wrong, in plain words.
    var message: String
    /// The line of the configuration file at fault, when known: set for syntax errors, and by
    /// ``ConfigurationLocator`` for a key.
    var documentLine: Int?
    /// The source file that raised the error.
    var file: String
    /// The source line that raised the error.
    var line: Int

    /// Makes an error.
    init(_ code: Code, key: String?, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.key = key
        self.message = message
        self.file = file
        self.line = line
    }

    static func == (lhs: ConfigurationError, rhs: ConfigurationError) -> Bool {
        lhs.code == rhs.code && lhs.key == rhs.key
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(key)
    }

    /// `configuration error [code] key: message`.
    var description: String {
        "configuration error [\(code.rawValue)]" + (key.map { " \($0)" } ?? "") + ": " + message
    }
}
