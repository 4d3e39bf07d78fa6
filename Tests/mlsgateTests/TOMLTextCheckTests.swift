import Foundation
import Testing

@testable import mlsgate

/// Regression tests for inputs found by fuzzing the configuration reader (scripts/fuzz configuration), which
/// stopped the TOML parser on an assertion.
struct TOMLTextCheckTests {
    @Test(arguments: [
        ("[/omponent]ain = \"mls.examplmasedased_stanza_byet\"\n", 1, 2),
        ("[component]\n[\u{1}\0\0\0\0on-nt]\n", 2, 2),
        ("a = 1\n  [[ /x]]\n", 2, 6),
        ("[\n", 1, 2),
        ("a = [1]\n[.b]\n", 2, 2),
        ("a = \"x\u{7F}\"\n", 1, 7),
        ("# \0\n", 1, 3),
        ("o\t=[}", 1, 5),
        ("a = [1,\n  # c\n  }\n", 3, 3),
        ("a = [[}]]\n", 1, 7),
        ("a = [{ x = 1 }, }\n", 1, 17),
    ])
    func inputsThatStopTheParserAreRefused(text: String, line: Int, column: Int) {
        let problem = TOMLTextCheck.firstProblem(in: text)
        #expect(problem?.line == line)
        #expect(problem?.column == column)
    }

    @Test(arguments: [
        "[component]\ndomain = \"mls.example.org\"\r\n[ \"quoted\".key ]\n[[bots]]\n",
        "a = [\n  [+1, 2],\n  [\n    3,\n  ],\n  { x = 1 },\n]\n[b]\n",
        "s = \"\"\"\n[/not a header]\n\"\"\"\"\"\nt = '''\n[\n'''\n[c]\n",
        "u = \"[/x]\" # [/y]\n\t[d]\n",
        "v = \"a \\\" [/x\"\n",
        "w = [ { x = [1, 2] }, {}, # c\n  ]\nz = { a = [], b = { } }\n",
    ])
    func validDocumentsPass(text: String) {
        #expect(TOMLTextCheck.firstProblem(in: text) == nil)
    }

    @Test func theShippedConfigurationPasses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Config/mlsgate.toml")
        #expect(TOMLTextCheck.firstProblem(in: try String(contentsOf: url, encoding: .utf8)) == nil)
    }

    @Test func theConfigurationReportsTheProblemAsASyntaxError() {
        do {
            _ = try Configuration(toml: "[component]\ndomain = \"mls.example.org\"\n[/storage]\n")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error == ConfigurationError(.syntax, key: nil, ""))
            #expect(error.documentLine == 3)
        }
    }
}
