/// The bridges MLSGate ships, by the `kind` of a `[[bridges]]` entry.
public enum BridgeKind: String, CaseIterable, Sendable {
    /// ``MirrorBridge``: each encrypted room mirrored to a plaintext room on the XMPP server's MUC service.
    case mirror
}
