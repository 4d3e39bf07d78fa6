import Foundation
import MLS
import MLSTestSupport

// Prints the foreign KeyPackage corpus (`ForeignObjectCase.all`) for one identity, one JSON object per line, so
// that tests outside Swift (Tests/Integration, through a real XMPP server) publish the same objects:
//
//     swift run foreign-corpus bob@example.org
//     {"name": "...", "directory": "accepted", "group": "accepted", "needs_group_extension": false,
//      "supports_group_parameters": true, "key_package": "<base64 MLSMessage>"}
//
// `directory` and `group` are `accepted` or `refused: <VAL-LEAF rule>`; the group outcome holds in a group that
// has the GroupContext extension 0x7F31 when `needs_group_extension` is true.
let arguments = CommandLine.arguments.dropFirst()
guard let identity = arguments.first else {
    FileHandle.standardError.write(Data("usage: foreign-corpus <bare JID>\n".utf8))
    exit(2)
}
let client = try Client(
    suite: .mls128DHKEMX25519AES128GCMSHA256Ed25519, credential: .basic(identity: Array(identity.utf8)))

func describe(_ outcome: ForeignObjectCase.Outcome) -> String {
    switch outcome {
    case .accepted: "accepted"
    case .refused(let rule): "refused: \(rule)"
    }
}

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
