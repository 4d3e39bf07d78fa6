import Foundation
import XMPP

/// A command waiting for its form (XEP-0050 §3.2, session lifetime): valid only for the full JID that started it,
/// until it completes, is canceled or expires.
struct AdminSession: Sendable {
    /// The `sessionid`.
    var id: String
    /// The command it runs.
    var command: AdminCommand
    /// Who started it.
    var requester: JID
    /// When it stops being accepted.
    var expires: Date
}
