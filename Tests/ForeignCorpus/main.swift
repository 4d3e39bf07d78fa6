import Foundation
import MLS
import MLSTestSupport

// Prints the foreign-object corpus of MLSTestSupport (`ForeignObjectCase.all`) for tests outside Swift
// (Tests/Integration, through a real XMPP server), one JSON object per line:
//
//     foreign-corpus key-packages bob@example.org
//         {"name": "...", "directory": "accepted", "group": "accepted", "needs_group_extension": false,
//          "supports_group_parameters": true, "key_package": "<base64 MLSMessage>"}
//     foreign-corpus commits --sender alice@example.org --member dave@example.org [--with-group-extension]
//         the sender's group, then its commit adding each case's KeyPackage (RoomScenarios.swift)
//     foreign-corpus self-remove --owner A --leaver B --committer C
//         A's group with B and C; B's SelfRemove, committed by C
//
// `directory` and `group` are `accepted` or `refused: <VAL-LEAF rule>`; the group outcome holds in a group that
// has the GroupContext extension 0x7F31 when `needs_group_extension` is true.
func describe(_ outcome: ForeignObjectCase.Outcome) -> String {
    switch outcome {
    case .accepted: "accepted"
    case .refused(let rule): "refused: \(rule)"
    }
}

func printKeyPackages(identity: String) throws {
    let client = try Client(
        suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519, credential: .basic(identity: Array(identity.utf8)))
    for foreign in ForeignObjectCase.all {
        let package = try foreign.keyPackage(for: client)
        let line: [String: Any] = [
            "name": foreign.name, "directory": describe(foreign.inDirectory), "group": describe(foreign.inGroup),
            "needs_group_extension": foreign.inGroupWithExtension,
            "supports_group_parameters": foreign.supportsGroupParameters,
            "key_package": Data(package.message.tlsEncoded).base64EncodedString(),
        ]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// The value after `name` on the command line.
func value(_ name: String, in arguments: [String]) throws -> String {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
        throw GroupError.invalidOperation("\(arguments.first ?? "") needs \(name)")
    }
    return arguments[index + 1]
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "key-packages" where arguments.count == 2:
        try printKeyPackages(identity: arguments[1])
    case "commits":
        try await corpus(
            sender: try value("--sender", in: arguments), member: try value("--member", in: arguments),
            withExtension: arguments.contains("--with-group-extension"))
    case "self-remove":
        try await selfRemove(
            owner: try value("--owner", in: arguments), leaver: try value("--leaver", in: arguments),
            committer: try value("--committer", in: arguments))
    default:
        throw GroupError.invalidOperation("usage: foreign-corpus key-packages JID | commits … | self-remove …")
    }
} catch {
    FileHandle.standardError.write(Data("foreign-corpus: \(error)\n".utf8))
    exit(2)
}
