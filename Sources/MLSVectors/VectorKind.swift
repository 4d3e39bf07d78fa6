/// The kinds of official MLS test-vector files, named as the files are.
public enum VectorKind: String, CaseIterable, Sendable {
    case treeMath = "tree-math"
    case cryptoBasics = "crypto-basics"
    case secretTree = "secret-tree"
    case messageProtection = "message-protection"
    case keySchedule = "key-schedule"
    case pskSecret = "psk_secret"
    case transcriptHashes = "transcript-hashes"
    case welcome
    case treeOperations = "tree-operations"
    case treeValidation = "tree-validation"
    case treekem
    case messages
    case deserialization
    case passiveClient = "passive-client"

    /// Recognizes a file by its name: `tree-math.json`, or `passive-client-*.json` for
    /// any passive-client file.
    public init?(fileName: String) {
        var base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        if base.hasSuffix(".json") { base.removeLast(5) }
        if let exact = VectorKind(rawValue: base) {
            self = exact
        } else if base.hasPrefix("passive-client") {
            self = .passiveClient
        } else {
            return nil
        }
    }
}
