/// One key of a configuration table, declared once: its table, its name, its default and the values it accepts.
///
/// ``ConfigurationKey/all`` is the single list of keys: the refusal of unknown keys, the reading with
/// `MLSGATE_<TABLE>_<KEY>` overrides and range checks, and the test that `Config/mlsgate.toml` documents every key
/// with its default are all derived from it. The keys of each entry of the `[[bots]]` and `[[bridges]]` arrays of
/// tables are declared the same way in ``ConfigurationKey/entryKeys``, read by ``ConfigurationEntry``, without
/// environment overrides.
struct ConfigurationKey: Sendable {
    /// Where a key is written.
    enum Placement: Sendable {
        /// In a table: `[table] key`.
        case table
        /// In each entry of an array of tables: `[[table]] #N key`.
        case arrayOfTables
    }

    /// A value as TOML writes it.
    enum Value: Sendable, Equatable {
        case integer(Int)
        case string(String)
        case bool(Bool)
        case strings([String])
        /// An inline table of strings, such as a bridge's rooms.
        case stringTable([String: String])

        /// The value as a TOML literal, as the example file writes it.
        var tomlText: String {
            switch self {
            case .integer(let number): "\(number)"
            case .string(let text): "\"\(text)\""
            case .bool(let flag): "\(flag)"
            case .strings(let texts): "[" + texts.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            case .stringTable(let pairs):
                "{ " + pairs.sorted { $0.key < $1.key }.map { "\"\($0.key)\" = \"\($0.value)\"" }
                    .joined(separator: ", ") + " }"
            }
        }
    }

    /// How an integer outside its range is reported.
    enum RangeMessage: Sendable {
        /// `N is outside LOW to HIGH`.
        case outside
        /// `N is not a TCP port (LOW to HIGH)`.
        case tcpPort
        /// `N is not a number of seconds from LOW to HIGH`.
        case seconds
        /// `must be a positive number`.
        case positive

        func text(_ value: Int, _ range: ClosedRange<Int>) -> String {
            switch self {
            case .outside: "\(value) is outside \(range.lowerBound) to \(range.upperBound)"
            case .tcpPort: "\(value) is not a TCP port (\(range.lowerBound) to \(range.upperBound))"
            case .seconds: "\(value) is not a number of seconds from \(range.lowerBound) to \(range.upperBound)"
            case .positive: "must be a positive number"
            }
        }
    }

    /// The table, such as `component`, or the array of tables, such as `bots`.
    let table: String
    /// Whether the key is in a table or in each entry of an array of tables.
    var placement = Placement.table
    /// The key within the table, such as `port`.
    let name: String
    /// The value when neither the file nor the environment sets the key; nil for a required or optional key.
    let defaultValue: Value?
    /// Whether a value must be given.
    let isRequired: Bool
    /// The integers accepted, for an integer key.
    let range: ClosedRange<Int>?
    /// How a value outside ``range`` is reported.
    let rangeMessage: RangeMessage
    /// The value `Config/mlsgate.toml` shows, when it is not the default: for a required key, a key without
    /// default (commented out there), or a path the example keeps under `data/`.
    let example: Value?

    /// The key as errors name it: `[table] key`, or `[[table]] key` for an entry's key.
    var displayName: String {
        switch placement {
        case .table: "[\(table)] \(name)"
        case .arrayOfTables: "[[\(table)]] \(name)"
        }
    }

    /// The environment variable that overrides the key: `MLSGATE_<TABLE>_<KEY>`.
    var environmentName: String { "MLSGATE_\(table.uppercased())_\(name.uppercased())" }

    /// The value the example file shows: ``example``, else the default.
    var exampleValue: Value? { example ?? defaultValue }

    /// An integer key with a default and a range.
    static func integer(
        _ table: String, _ name: String, default value: Int, _ range: ClosedRange<Int>,
        message: RangeMessage = .outside
    ) -> ConfigurationKey {
        ConfigurationKey(
            table: table, name: name, defaultValue: .integer(value), isRequired: false, range: range,
            rangeMessage: message, example: nil)
    }

    /// A string key: with a default, required, or optional without default.
    static func string(
        _ table: String, _ name: String, default value: String? = nil, required: Bool = false, example: String? = nil
    ) -> ConfigurationKey {
        ConfigurationKey(
            table: table, name: name, defaultValue: value.map(Value.string), isRequired: required, range: nil,
            rangeMessage: .outside, example: example.map(Value.string))
    }

    /// A boolean key with a default.
    static func bool(_ table: String, _ name: String, default value: Bool) -> ConfigurationKey {
        ConfigurationKey(
            table: table, name: name, defaultValue: .bool(value), isRequired: false, range: nil,
            rangeMessage: .outside, example: nil)
    }

    /// An array-of-strings key with a default.
    static func strings(_ table: String, _ name: String, default value: [String]) -> ConfigurationKey {
        ConfigurationKey(
            table: table, name: name, defaultValue: .strings(value), isRequired: false, range: nil,
            rangeMessage: .outside, example: nil)
    }

    /// A key of each entry of an array of tables: required, or optional with a default that depends on the entry.
    static func entry(_ array: String, _ name: String, required: Bool = true, example: Value) -> ConfigurationKey {
        ConfigurationKey(
            table: array, placement: .arrayOfTables, name: name, defaultValue: nil, isRequired: required, range: nil,
            rangeMessage: .outside, example: example)
    }

    /// The integer default of an integer key.
    var defaultInteger: Int {
        guard case .integer(let number) = defaultValue else {
            preconditionFailure("\(displayName) has no integer default")
        }
        return number
    }

    /// The string default of a string key, nil when it has none.
    var defaultString: String? {
        guard case .string(let text) = defaultValue else { return nil }
        return text
    }

    /// The boolean default of a boolean key.
    var defaultBool: Bool {
        guard case .bool(let flag) = defaultValue else {
            preconditionFailure("\(displayName) has no boolean default")
        }
        return flag
    }
}
