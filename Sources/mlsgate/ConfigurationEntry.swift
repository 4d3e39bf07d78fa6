import TOMLKit
import XMPP

/// One entry of an array of tables, such as `[[bots]] #2`, read by the keys ``ConfigurationKey/entryKeys`` declares
/// for its array. Entries have no environment overrides.
struct ConfigurationEntry {
    /// The entry's table.
    let table: TOMLTable
    /// The entry as errors name it: `[[bots]] #2`.
    let name: String

    /// The entries of an array of tables, each refused when it is not a table or holds an unknown key.
    /// - Parameters:
    ///   - document: The parsed document.
    ///   - array: The array's name, such as `bots`.
    /// - Returns: The entries in document order; none when the array is absent.
    /// - Throws: ``ConfigurationError`` naming the array, the entry or the unknown key.
    static func entries(of array: String, in document: TOMLTable) throws(ConfigurationError) -> [ConfigurationEntry] {
        guard let value = document[array] else { return [] }
        guard let items = value.array else {
            throw ConfigurationError(
                .invalidValue, key: "[[\(array)]]", "must be an array of tables, each [[\(array)]]")
        }
        let keys = ConfigurationKey.entryKeys.filter { $0.table == array }
        let known = Set(keys.map(\.name))
        let required = keys.filter(\.isRequired).map(\.name)
        var entries: [ConfigurationEntry] = []
        for (index, item) in items.enumerated() {
            let name = "[[\(array)]] #\(index + 1)"
            guard let table = item.table else {
                throw ConfigurationError(
                    .invalidValue, key: name,
                    "must be a table with " + required.dropLast().joined(separator: ", ") + " and "
                        + (required.last ?? ""))
            }
            for key in table.keys.sorted() where !known.contains(key) {
                throw ConfigurationError(
                    .unknownKey, key: "\(name) \(key)",
                    "unknown key; known keys are " + known.sorted().joined(separator: ", "))
            }
            entries.append(ConfigurationEntry(table: table, name: name))
        }
        return entries
    }

    /// A key of this entry as errors name it: `[[bots]] #2 jid`.
    func displayName(_ key: ConfigurationKey) -> String {
        "\(name) \(key.name)"
    }

    /// The entry's value for a key, if set.
    func value(_ key: ConfigurationKey) -> (any TOMLValueConvertible)? {
        table[key.name]
    }

    /// An error about one of the entry's keys.
    func error(_ code: ConfigurationError.Code, _ key: ConfigurationKey, _ message: String) -> ConfigurationError {
        ConfigurationError(code, key: displayName(key), message)
    }

    /// A bare JID on the component domain, which the entry must set.
    /// - Parameters:
    ///   - key: The key.
    ///   - domain: The component domain.
    ///   - what: What the JID names, for the message: `bot` or `bridge`.
    ///   - localpart: The localpart of the example the message gives.
    func jid(_ key: ConfigurationKey, domain: JID, what: String, localpart: String) throws(ConfigurationError) -> JID {
        guard let text = value(key)?.string else {
            throw error(.missingKey, key, "set it to the \(what)'s JID, such as \(localpart)@\(domain), in quotes")
        }
        guard let jid = try? JID(text), jid.localpart != nil, jid.resourcepart == nil,
            jid.domainpart == domain.domainpart
        else {
            throw error(
                .invalidValue, key,
                "'\(text)' must be a bare JID on the component domain, such as \(localpart)@\(domain)")
        }
        return jid
    }

    /// One of a set of names, which the entry must set.
    func choice<T: RawRepresentable & CaseIterable>(_ key: ConfigurationKey, _ type: T.Type)
        throws(ConfigurationError) -> T where T.RawValue == String
    {
        let names = T.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text = value(key)?.string else { throw error(.missingKey, key, "set it to one of \(names)") }
        guard let choice = T(rawValue: text) else {
            throw error(.invalidValue, key, "'\(text)' is not one of \(names)")
        }
        return choice
    }
}
