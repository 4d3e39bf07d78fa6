/// Which kind of address under the component domain a stanza is for.
public enum StanzaTarget: Hashable, Sendable {
    /// The component domain itself, `mls.example.org` (with or without a resource).
    case domain
    /// A room, `room@mls.example.org`.
    case room
    /// An occupant of a room, `room@mls.example.org/nick`.
    case occupant

    /// Classifies a destination address.
    /// - Parameters:
    ///   - address: The stanza's `to`; `nil` means the component itself.
    ///   - domain: The component domain.
    /// - Returns: The target kind, or `nil` when the address is outside the component domain.
    public static func classify(_ address: JID?, domain: JID) -> StanzaTarget? {
        guard let address else { return .domain }
        guard address.domainpart == domain.domainpart else { return nil }
        switch (address.localpart, address.resourcepart) {
        case (nil, _): return .domain
        case (_?, nil): return .room
        case (_?, _?): return .occupant
        }
    }
}
