/// The namespaces of MLSGate's wire protocol (docs/protocol.md).
public enum MLSNamespace {
    /// The KeyPackage directory on the component JID.
    public static let keyPackages = "urn:xmpp:mls:keypackages:0"
    /// Group messages, Welcomes, GroupInfo, epoch and history in rooms.
    public static let mls = "urn:xmpp:mls:0"
}
