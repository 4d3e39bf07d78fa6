import Foundation
import TOMLKit
import XMPP

extension Configuration {
    /// Reads `[admin] jids`, the administrators allowed to run the XEP-0050 commands: an array of bare JIDs such
    /// as `["admin@example.org"]`, empty by default. `MLSGATE_ADMIN_JIDS`, a comma-separated list, wins over the
    /// file; set to the empty string, it leaves no administrator.
    /// - Parameters:
    ///   - table: The parsed document.
    ///   - environment: The process environment.
    /// - Returns: The administrators' bare JIDs.
    /// - Throws: ``ConfigurationError`` naming `[admin] jids` and the entry to fix.
    static func readAdmins(_ table: TOMLTable, environment: [String: String]) throws(ConfigurationError) -> Set<JID> {
        let spec = ConfigurationKey.adminJIDs
        let key = spec.displayName
        var entries: [(text: String, origin: String)] = []
        if let override = environment[spec.environmentName] {
            entries = override.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { (text: $0, origin: spec.environmentName) }
        } else if let value = table[spec.table]?.table?[spec.name] {
            guard let array = value.array else {
                throw ConfigurationError(
                    .invalidValue, key: key, "must be an array of JIDs in quotes, such as [\"admin@example.org\"]")
            }
            for (index, element) in array.enumerated() {
                guard let text = element.string else {
                    throw ConfigurationError(.invalidValue, key: key, "entry \(index + 1) must be a JID in quotes")
                }
                entries.append((text: text, origin: "entry \(index + 1)"))
            }
        }
        var admins = Set<JID>()
        for entry in entries {
            guard let jid = try? JID(entry.text), jid.localpart != nil, jid.resourcepart == nil else {
                throw ConfigurationError(
                    .invalidValue, key: key,
                    "\(entry.origin) '\(entry.text)' must be a bare JID with a local part, such as admin@example.org")
            }
            guard admins.insert(jid).inserted else {
                throw ConfigurationError(.invalidValue, key: key, "\(entry.origin): \(jid) is listed twice")
            }
        }
        return admins
    }
}
