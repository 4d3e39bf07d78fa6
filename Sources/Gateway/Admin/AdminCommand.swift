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
public enum AdminCommand: CaseIterable, Hashable, Sendable {
    case listRooms, showRoom, listBots, keyPackageStock, destroyRoom, removeBot

    /// The namespace every command's node starts with.
    static let nodePrefix = "urn:xmpp:mls:admin:"

    /// What the table above says of one command.
    private struct Entry {
        /// The node's last part.
        var node: String
        /// The name disco#items gives it.
        var name: String
        /// Whether it asks for a form before running.
        var needsInput: Bool
    }

    private var entry: Entry {
        switch self {
        case .listRooms: Entry(node: "list-rooms", name: "List rooms", needsInput: false)
        case .showRoom: Entry(node: "show-room", name: "Show a room", needsInput: true)
        case .listBots: Entry(node: "list-bots", name: "List bots", needsInput: false)
        case .keyPackageStock: Entry(node: "keypackage-stock", name: "Show a user's KeyPackage stock", needsInput: true)
        case .destroyRoom: Entry(node: "destroy-room", name: "Destroy a room", needsInput: true)
        case .removeBot: Entry(node: "remove-bot", name: "Remove a bot from a room", needsInput: true)
        }
    }

    /// The command a node names, if any.
    /// - Parameter node: The `node` of a `<command/>`.
    public init?(node: String) {
        guard let command = Self.allCases.first(where: { $0.node == node }) else { return nil }
        self = command
    }

    /// The node, as disco#items lists it and `<command node=''/>` names it.
    public var node: String { Self.nodePrefix + entry.node }

    /// The name disco#items gives it, for a client's menu.
    public var name: String { entry.name }

    /// Whether it asks for a form before running; the others complete on the first request.
    var needsInput: Bool { entry.needsInput }
}
