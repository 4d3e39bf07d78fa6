import TOMLKit

/// Typed access to the keys of a parsed document, environment first, each read by its ``ConfigurationKey``: the
/// default, the range and the `MLSGATE_<TABLE>_<KEY>` override all come from the key.
struct ConfigurationReader {
    /// The parsed document.
    let table: TOMLTable
    /// The process environment.
    let environment: [String: String]

    /// Makes a reader, refusing a document with an unknown table or key.
    /// - Throws: The first ``ConfigurationError`` of ``unknownKeys(in:knownKeys:)``.
    init(table: TOMLTable, environment: [String: String]) throws(ConfigurationError) {
        self.table = table
        self.environment = environment
        if let first = Self.unknownKeys(in: table).first { throw first }
    }

    /// Every table and key of a parsed document that this version does not know, in document order of tables.
    /// - Parameters:
    ///   - table: The parsed document.
    ///   - knownKeys: The keys each known table may hold.
    /// - Returns: One ``ConfigurationError`` with code `unknownKey` (or `invalidValue` for a table that is not one)
    ///   per offending table or key.
    static func unknownKeys(
        in table: TOMLTable, knownKeys: [String: Set<String>] = ConfigurationKey.knownKeys
    ) -> [ConfigurationError] {
        var errors: [ConfigurationError] = []
        let arrays = ConfigurationKey.knownEntryKeys.keys.sorted()
        // Arrays of tables are checked entry by entry where they are read (``ConfigurationEntry``).
        for name in table.keys where !arrays.contains(name) {
            guard let keys = knownKeys[name] else {
                errors.append(
                    ConfigurationError(
                        .unknownKey,
                        key: "[\(name)]",
                        "unknown table; known tables are "
                            + (knownKeys.keys.sorted().map { "[\($0)]" } + arrays.map { "[[\($0)]]" })
                            .joined(separator: ", ")
                    )
                )
                continue
            }
            guard let section = table[name]?.table else {
                errors.append(ConfigurationError(.invalidValue, key: "[\(name)]", "must be a table"))
                continue
            }
            for key in section.keys where !keys.contains(key) {
                errors.append(
                    ConfigurationError(
                        .unknownKey,
                        key: "[\(name)] \(key)",
                        "unknown key; known keys are " + keys.sorted().joined(separator: ", ")
                    )
                )
            }
        }
        return errors
    }

    /// The environment's value for a key, if set.
    func override(_ key: ConfigurationKey) -> String? {
        environment[key.environmentName]
    }

    /// The file's value for a key, if set.
    func value(_ key: ConfigurationKey) -> (any TOMLValueConvertible)? {
        table[key.table]?.table?[key.name]
    }

    /// A string, or the key's default (nil when it has none).
    func string(_ key: ConfigurationKey) throws(ConfigurationError) -> String? {
        if let override = override(key) { return override }
        guard let value = value(key) else { return key.defaultString }
        guard let string = value.string else {
            throw ConfigurationError(.invalidValue, key: key.displayName, "must be a string in quotes")
        }
        return string
    }

    /// An integer within the key's range, or its default.
    /// - Parameters:
    ///   - key: The key.
    ///   - defaultValue: The default, when it depends on other keys; the key's own otherwise.
    func integer(_ key: ConfigurationKey, default defaultValue: Int? = nil) throws(ConfigurationError) -> Int {
        let value = try optionalInteger(key) ?? defaultValue ?? key.defaultInteger
        if let range = key.range, !range.contains(value) {
            throw ConfigurationError(.invalidValue, key: key.displayName, key.rangeMessage.text(value, range))
        }
        return value
    }

    /// A boolean, or the key's default; the environment says true, false, 1 or 0.
    func bool(_ key: ConfigurationKey) throws(ConfigurationError) -> Bool {
        if let override = override(key) {
            switch override.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default:
                throw ConfigurationError(
                    .invalidValue, key: key.displayName, "\(key.environmentName)='\(override)' is not true or false")
            }
        }
        guard let value = value(key) else { return key.defaultBool }
        guard let bool = value.bool else {
            throw ConfigurationError(.invalidValue, key: key.displayName, "must be true or false")
        }
        return bool
    }

    /// A string that must be one of a set of names, or the key's default.
    func choice<T: RawRepresentable & CaseIterable>(_ key: ConfigurationKey, _ type: T.Type)
        throws(ConfigurationError) -> T where T.RawValue == String
    {
        let text = try string(key) ?? ""
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw ConfigurationError(.invalidValue, key: key.displayName, "'\(text)' must be \(names)")
        }
        return value
    }

    private func optionalInteger(_ key: ConfigurationKey) throws(ConfigurationError) -> Int? {
        if let override = override(key) {
            guard let number = Int(override) else {
                throw ConfigurationError(
                    .invalidValue, key: key.displayName, "\(key.environmentName)='\(override)' is not an integer")
            }
            return number
        }
        guard let value = value(key) else { return nil }
        guard let number = value.int else {
            throw ConfigurationError(.invalidValue, key: key.displayName, "must be an integer")
        }
        return number
    }
}
