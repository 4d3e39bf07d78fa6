import MLS
import XMPP

extension Credential {
    /// The JID a basic credential names (its identity is the bare JID in UTF-8), or nil for any other.
    var jid: JID? {
        guard case .basic(let identity) = self else { return nil }
        return try? JID(String(decoding: identity, as: UTF8.self))
    }
}
