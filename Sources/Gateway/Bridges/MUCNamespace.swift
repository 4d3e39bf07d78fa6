/// The XEP-0045, XEP-0004 and XEP-0203 namespaces the mirror speaks on another MUC service.
enum MUCNamespace {
    /// XEP-0045 join requests.
    static let muc = "http://jabber.org/protocol/muc"
    /// XEP-0045 occupant information and status codes.
    static let user = "http://jabber.org/protocol/muc#user"
    /// XEP-0045 owner configuration.
    static let owner = "http://jabber.org/protocol/muc#owner"
    /// XEP-0004 data forms.
    static let dataForms = "jabber:x:data"
    /// XEP-0203 delayed delivery, stamped on room history.
    static let delay = "urn:xmpp:delay"
    /// XEP-0091, the legacy delay some services still add.
    static let legacyDelay = "jabber:x:delay"
}
