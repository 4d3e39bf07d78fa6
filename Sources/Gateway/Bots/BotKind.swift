/// The bots MLSGate ships, by the `kind` of a `[[bots]]` entry.
public enum BotKind: String, CaseIterable, Sendable {
    /// ``EchoBot``.
    case echo

    /// A new bot of this kind.
    public func makeBot() -> any Bot {
        switch self {
        case .echo: EchoBot()
        }
    }
}
