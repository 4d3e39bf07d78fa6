/// The namespaces of MLSGate's wire protocol (docs/protocol.md) and of the XEPs the rooms speak.
public enum MLSNamespace {
    /// The KeyPackage directory on the component JID.
    public static let keyPackages = "urn:xmpp:mls:keypackages:0"
    /// Group messages, Welcomes, GroupInfo, epoch and history in rooms.
    public static let mls = "urn:xmpp:mls:0"
    /// XEP-0045: the `<x/>` of a join.
    public static let muc = "http://jabber.org/protocol/muc"
    /// XEP-0045: occupant items and status codes.
    public static let mucUser = "http://jabber.org/protocol/muc#user"
    /// XEP-0045: owner configuration.
    public static let mucOwner = "http://jabber.org/protocol/muc#owner"
    /// XEP-0359: unique and stable stanza ids.
    public static let stanzaID = "urn:xmpp:sid:0"
    /// XEP-0203: delayed delivery, stamped on room history.
    public static let delay = "urn:xmpp:delay"
    /// XEP-0091: the legacy delay some MUC services still add.
    public static let legacyDelay = "jabber:x:delay"
}
