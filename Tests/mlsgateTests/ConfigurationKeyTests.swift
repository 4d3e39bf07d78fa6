import Foundation
import Testing

@testable import mlsgate

struct ConfigurationKeyTests {
    /// A key as `Config/mlsgate.toml` documents it: set, or commented out as `# key = value`.
    struct Documented: Equatable {
        var table: String
        var name: String
        var valueText: String
        var commentedOut: Bool
        var line: Int
    }

    static let examplePath = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        + "/Config/mlsgate.toml"

    /// The keys of the tables of a document, including `# key = value` lines; `[[array]]` entries, set or commented
    /// out, are left out.
    static func documentedKeys(_ text: String) -> [Documented] {
        scan(text).filter { $0.placement == .table }.map(\.key)
    }

    /// The keys of the `[[array]]` entries of a document, set or commented out as `# [[bots]]` and `# key = value`;
    /// an entry ends at a blank line or another table.
    static func documentedEntryKeys(_ text: String) -> [Documented] {
        scan(text).filter { $0.placement == .arrayOfTables }.map(\.key)
    }

    /// Every key line of a document, in a table or in an array entry, set or commented out.
    static func scan(_ text: String) -> [(placement: ConfigurationKey.Placement, key: Documented)] {
        var keys: [(placement: ConfigurationKey.Placement, key: Documented)] = []
        var current: (placement: ConfigurationKey.Placement, table: String)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            let commentedOut = line.hasPrefix("#")
            if commentedOut { line = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
            let inEntry = current?.placement == .arrayOfTables
            if line.hasPrefix("[["), let close = line.range(of: "]]") {
                current = (.arrayOfTables, String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound]))
            } else if line.hasPrefix("["), !commentedOut, let close = line.firstIndex(of: "]") {
                current = (.table, String(line[line.index(after: line.startIndex)..<close]))
            } else if inEntry, line.isEmpty || line.hasPrefix("[") {
                current = nil
            } else if let current, let equals = line.range(of: " = ") {
                let name = String(line[..<equals.lowerBound])
                guard name.allSatisfy({ $0.isLowercase || $0 == "_" }) else { continue }
                let key = Documented(
                    table: current.table, name: name, valueText: String(line[equals.upperBound...]),
                    commentedOut: commentedOut, line: index + 1)
                keys.append((current.placement, key))
            }
        }
        return keys
    }

    /// Expects each key documented once with its example value, commented out exactly when `commentedOut` says.
    static func expectDocumentedOnce(
        _ keys: [ConfigurationKey], in documented: [Documented], commentedOut: (ConfigurationKey) -> Bool
    ) {
        for key in keys {
            let matches = documented.filter { $0.table == key.table && $0.name == key.name }
            #expect(matches.count == 1, "\(key.displayName) is documented \(matches.count) times")
            guard let entry = matches.first else { continue }
            #expect(entry.valueText == key.exampleValue?.tomlText, "\(key.displayName) at line \(entry.line)")
            #expect(entry.commentedOut == commentedOut(key), "\(key.displayName) at line \(entry.line)")
        }
    }

    /// Expects every documented key to be known.
    static func expectKnown(_ documented: [Documented], _ known: [String: Set<String>], _ brackets: (String, String)) {
        #expect(!documented.isEmpty)
        for entry in documented {
            #expect(
                known[entry.table]?.contains(entry.name) == true,
                "line \(entry.line): \(brackets.0)\(entry.table)\(brackets.1) \(entry.name) is not a known key")
        }
    }

    /// `[[bots]]` and `[[bridges]]` are empty by default: the example shows each entry key once, commented out,
    /// with its example value.
    @Test func theExampleShowsEveryEntryKeyCommentedOut() throws {
        let documented = Self.documentedEntryKeys(try String(contentsOfFile: Self.examplePath, encoding: .utf8))
        Self.expectDocumentedOnce(ConfigurationKey.entryKeys, in: documented) { _ in true }
        Self.expectKnown(documented, ConfigurationKey.knownEntryKeys, ("[[", "]]"))
    }

    @Test func theParserOfTheExampleReadsArrayEntriesSetOrCommentedOut() {
        let text = "[a]\nx = 1\n# Each [[bots]] entry.\n# [[bots]]\n# jid = \"j\"\n\n# y = 2\n"
            + "[[bridges]]\nkind = \"k\"\n[b]\nz = []\n"
        let keys = Self.documentedEntryKeys(text).map { "\($0.line): [[\($0.table)]] \($0.name) = \($0.valueText)" }
        #expect(keys == ["5: [[bots]] jid = \"j\"", "9: [[bridges]] kind = \"k\""])
        #expect(Self.documentedEntryKeys(text).map(\.commentedOut) == [true, false])
    }

    @Test func theExampleDocumentsEveryKeyWithItsDefault() throws {
        let documented = Self.documentedKeys(try String(contentsOfFile: Self.examplePath, encoding: .utf8))
        // A key without default is optional and shown commented out; the others are set.
        Self.expectDocumentedOnce(ConfigurationKey.all, in: documented) { key in
            key.defaultValue == nil && !key.isRequired
        }
    }

    @Test func everyKeyOfTheExampleIsKnown() throws {
        let documented = Self.documentedKeys(try String(contentsOfFile: Self.examplePath, encoding: .utf8))
        Self.expectKnown(documented, ConfigurationKey.knownKeys, ("[", "]"))
    }

    @Test func theParserOfTheExampleSeesCommentedKeysAndSkipsArrayEntries() {
        let keys = Self.documentedKeys(
            "[a]\nx = 1\n# Needs x = 2.\n# y = \"v\"\n# [[bots]]\n# jid = \"j\"\n"
                + "[[bridges]]\nkind = \"k\"\n[b]\nz = []\n")
        #expect(
            keys == [
                Documented(table: "a", name: "x", valueText: "1", commentedOut: false, line: 2),
                Documented(table: "a", name: "y", valueText: "\"v\"", commentedOut: true, line: 4),
                Documented(table: "b", name: "z", valueText: "[]", commentedOut: false, line: 10),
            ])
    }

    @Test func everyDefaultIsWithinItsRange() {
        for key in ConfigurationKey.all {
            if let range = key.range {
                #expect(range.contains(key.defaultInteger), "\(key.displayName)")
            }
        }
    }

    @Test func keysAreDeclaredOnce() {
        let names = ConfigurationKey.all.map(\.displayName)
        #expect(Set(names).count == names.count)
        let entryNames = ConfigurationKey.entryKeys.map(\.displayName)
        #expect(Set(entryNames).count == entryNames.count)
    }

    @Test func theEnvironmentNameFollowsTableAndKey() {
        #expect(ConfigurationKey.componentSecret.environmentName == "MLSGATE_COMPONENT_SECRET")
        #expect(ConfigurationKey.externalJoins.environmentName == "MLSGATE_ROOM_POLICY_EXTERNAL_JOINS")
        #expect(ConfigurationKey.adminJIDs.environmentName == "MLSGATE_ADMIN_JIDS")
    }
}
