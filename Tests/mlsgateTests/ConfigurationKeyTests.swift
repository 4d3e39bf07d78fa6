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
        var keys: [Documented] = []
        var table: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            let commentedOut = line.hasPrefix("#")
            if commentedOut { line = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("[[") {
                table = nil
            } else if line.hasPrefix("["), !commentedOut, let close = line.firstIndex(of: "]") {
                table = String(line[line.index(after: line.startIndex)..<close])
            } else if let table, let equals = line.range(of: " = ") {
                let name = String(line[..<equals.lowerBound])
                guard name.allSatisfy({ $0.isLowercase || $0 == "_" }) else { continue }
                keys.append(
                    Documented(
                        table: table, name: name, valueText: String(line[equals.upperBound...]),
                        commentedOut: commentedOut, line: index + 1))
            }
        }
        return keys
    }

    /// The keys of the `[[array]]` entries of a document, set or commented out as `# [[bots]]` and `# key = value`;
    /// an entry ends at a blank line or another table.
    static func documentedEntryKeys(_ text: String) -> [Documented] {
        var keys: [Documented] = []
        var array: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            let commentedOut = line.hasPrefix("#")
            if commentedOut { line = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("[["), let close = line.range(of: "]]") {
                array = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
            } else if line.isEmpty || line.hasPrefix("[") {
                array = nil
            } else if let array, let equals = line.range(of: " = ") {
                let name = String(line[..<equals.lowerBound])
                guard name.allSatisfy({ $0.isLowercase || $0 == "_" }) else { continue }
                keys.append(
                    Documented(
                        table: array, name: name, valueText: String(line[equals.upperBound...]),
                        commentedOut: commentedOut, line: index + 1))
            }
        }
        return keys
    }

    /// `[[bots]]` and `[[bridges]]` are empty by default: the example shows each entry key once, commented out,
    /// with its example value.
    @Test func theExampleShowsEveryEntryKeyCommentedOut() throws {
        let documented = Self.documentedEntryKeys(try String(contentsOfFile: Self.examplePath, encoding: .utf8))
        for key in ConfigurationKey.entryKeys {
            let matches = documented.filter { $0.table == key.table && $0.name == key.name }
            #expect(matches.count == 1, "\(key.displayName) is documented \(matches.count) times")
            guard let entry = matches.first else { continue }
            #expect(entry.valueText == key.exampleValue?.tomlText, "\(key.displayName) at line \(entry.line)")
            #expect(entry.commentedOut, "\(key.displayName) at line \(entry.line)")
        }
        #expect(!documented.isEmpty)
        for entry in documented {
            #expect(
                ConfigurationKey.knownEntryKeys[entry.table]?.contains(entry.name) == true,
                "line \(entry.line): [[\(entry.table)]] \(entry.name) is not a known key")
        }
    }

    @Test func theParserOfTheExampleReadsArrayEntriesSetOrCommentedOut() {
        let keys = Self.documentedEntryKeys(
            "[a]\nx = 1\n# Each [[bots]] entry.\n# [[bots]]\n# jid = \"j\"\n\n# y = 2\n"
                + "[[bridges]]\nkind = \"k\"\n[b]\nz = []\n")
        #expect(
            keys == [
                Documented(table: "bots", name: "jid", valueText: "\"j\"", commentedOut: true, line: 5),
                Documented(table: "bridges", name: "kind", valueText: "\"k\"", commentedOut: false, line: 9),
            ])
    }

    @Test func theExampleDocumentsEveryKeyWithItsDefault() throws {
        let documented = Self.documentedKeys(try String(contentsOfFile: Self.examplePath, encoding: .utf8))
        for key in ConfigurationKey.all {
            let matches = documented.filter { $0.table == key.table && $0.name == key.name }
            #expect(matches.count == 1, "\(key.displayName) is documented \(matches.count) times")
            guard let entry = matches.first else { continue }
            #expect(entry.valueText == key.exampleValue?.tomlText, "\(key.displayName) at line \(entry.line)")
            // A key without default is optional and shown commented out; the others are set.
            let optional = key.defaultValue == nil && !key.isRequired
            #expect(entry.commentedOut == optional, "\(key.displayName) at line \(entry.line)")
        }
    }

    @Test func everyKeyOfTheExampleIsKnown() throws {
        let documented = Self.documentedKeys(try String(contentsOfFile: Self.examplePath, encoding: .utf8))
        #expect(!documented.isEmpty)
        for entry in documented {
            #expect(
                ConfigurationKey.knownKeys[entry.table]?.contains(entry.name) == true,
                "line \(entry.line): [\(entry.table)] \(entry.name) is not a known key")
        }
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
