/// Namespace URIs of the XMPP core (RFC 6120) and of component streams (XEP-0114).
public enum XMPPNamespace {
    /// The content namespace of XEP-0114 component streams, `jabber:component:accept`.
    public static let component = "jabber:component:accept"
    /// The content namespace of client-to-server streams.
    public static let client = "jabber:client"
    /// The content namespace of server-to-server streams.
    public static let server = "jabber:server"
    /// The namespace of `<stream:stream>`, `<stream:error>` and `<stream:features>`.
    public static let stream = "http://etherx.jabber.org/streams"
    /// The namespace of stream error conditions and text (RFC 6120 §4.9.2).
    public static let streamErrors = "urn:ietf:params:xml:ns:xmpp-streams"
    /// The namespace of stanza error conditions and text (RFC 6120 §8.3.2).
    public static let stanzaErrors = "urn:ietf:params:xml:ns:xmpp-stanzas"
    /// XEP-0199 ping.
    public static let ping = "urn:xmpp:ping"
    /// XEP-0030 service discovery, information.
    public static let discoInfo = "http://jabber.org/protocol/disco#info"
    /// XEP-0030 service discovery, items.
    public static let discoItems = "http://jabber.org/protocol/disco#items"
    /// XEP-0092 software version.
    public static let version = "jabber:iq:version"
    /// XEP-0045: the `<x/>` of a join.
    public static let muc = "http://jabber.org/protocol/muc"
    /// XEP-0045: occupant items and status codes.
    public static let mucUser = "http://jabber.org/protocol/muc#user"
    /// XEP-0045: owner configuration.
    public static let mucOwner = "http://jabber.org/protocol/muc#owner"
    /// XEP-0410: the room answers an occupant's ping to its own occupant JID itself.
    public static let mucSelfPing = "http://jabber.org/protocol/muc#self-ping-optimization"
    /// XEP-0359: unique and stable stanza ids.
    public static let stanzaID = "urn:xmpp:sid:0"
    /// XEP-0203: delayed delivery, stamped on room history.
    public static let delay = "urn:xmpp:delay"
    /// XEP-0091: the legacy delay some MUC services still add.
    public static let legacyDelay = "jabber:x:delay"

    /// The content namespaces a stanza may be in.
    public static let contentNamespaces: Set<String> = [component, client, server]
}
