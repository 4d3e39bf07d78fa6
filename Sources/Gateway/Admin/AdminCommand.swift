/// The XEP-0050 commands MLSGate offers its administrators on the component JID, by node.
///
/// | node | input | result |
/// | --- | --- | --- |
/// | `urn:xmpp:mls:admin:list-rooms` | none | a table of rooms: epoch, occupants, accepted messages |
/// | `urn:xmpp:mls:admin:show-room` | `room` | one room's ``RoomDetails`` |
/// | `urn:xmpp:mls:admin:list-bots` | none | a table of bots: JID, kind, rooms |
/// | `urn:xmpp:mls:admin:keypackage-stock` | `jid` | a user's KeyPackages per cipher suite |
/// | `urn:xmpp:mls:admin:destroy-room` | `room`, `reason`, `confirm` | a note saying what was removed |
/// | `urn:xmpp:mls:admin:remove-bot` | `bot`, `room` | a note saying how the bot left the room's group |
public enum AdminCommand: String, CaseIterable, Hashable, Sendable {
    case listRooms = "urn:xmpp:mls:admin:list-rooms"
    case showRoom = "urn:xmpp:mls:admin:show-room"
    case listBots = "urn:xmpp:mls:admin:list-bots"
    case keyPackageStock = "urn:xmpp:mls:admin:keypackage-stock"
    case destroyRoom = "urn:xmpp:mls:admin:destroy-room"
    case removeBot = "urn:xmpp:mls:admin:remove-bot"

    /// The node, as disco#items lists it and `<command node=''/>` names it.
    public var node: String { rawValue }

    /// The name disco#items gives it, for a client's menu.
    public var name: String {
        switch self {
        case .listRooms: "List rooms"
        case .showRoom: "Show a room"
        case .listBots: "List bots"
        case .keyPackageStock: "Show a user's KeyPackage stock"
        case .destroyRoom: "Destroy a room"
        case .removeBot: "Remove a bot from a room"
        }
    }

    /// Whether it asks for a form before running; the others complete on the first request.
    var needsInput: Bool {
        switch self {
        case .listRooms, .listBots: false
        case .showRoom, .keyPackageStock, .destroyRoom, .removeBot: true
        }
    }
}
