import XMPP

/// The namespaces of MLSGate's wire protocol (docs/protocol.md).
public enum MLSNamespace {
    /// The KeyPackage directory on the component JID.
    public static let keyPackages = "urn:xmpp:mls:keypackages:0"
    /// Group messages, Welcomes, GroupInfo, epoch and history in rooms.
    public static let mls = "urn:xmpp:mls:0"

    // The XEP namespaces below live in ``XMPPNamespace``; these aliases remain only for the room host files,
    // which are being reworked elsewhere, and go once those use ``XMPPNamespace`` directly.
    static let muc = XMPPNamespace.muc
    static let mucUser = XMPPNamespace.mucUser
    static let mucOwner = XMPPNamespace.mucOwner
    static let stanzaID = XMPPNamespace.stanzaID
    static let delay = XMPPNamespace.delay
    static let legacyDelay = XMPPNamespace.legacyDelay
}
