import DeliveryService
import Foundation
import Logging
import MLS
import Metrics
import XMPP

/// The MLS rooms, `room@domain`: XEP-0045 join and leave, group messages through the ``RoomSequencer``,
/// reflection to every occupant, Welcome delivery, and the `group-info`, `epoch` and `history` IQs.
///
/// ```text
/// presence room/nick ─▶ join: occupants' presences, own presence (110), history, subject
/// groupchat <mls/>   ─▶ sequencer (one transaction) ─▶ accepted: reflect to all, sender included, with
///                       <stanza-id/>; then <welcome/> to each new member
///                                                    └─▶ refused: error message to the sender, no change
/// iq get <group-info/> | <epoch/> | <history after=''/> ─▶ from the store
/// ```
///
/// An actor, so that messages are sequenced and reflected one at a time: the order in which occupants
/// receive messages is the order the sequencer accepted them. Occupants live in memory; rooms, epochs and
/// messages live in the store.
public actor RoomHost {
    let sequencer: RoomSequencer
    let domain: JID
    let configuration: RoomHostConfiguration
    let send: StanzaSink
    let now: @Sendable () -> Date
    let logger: Logger
    let roomGuard: RoomGuard
    /// The group state each PublicMessage room follows, loaded from the store on first use, and its version.
    var followed: [JID: FollowedGroup] = [:]
    /// Each room's policy and affiliations, loaded from the store on first use.
    var settingsCache: [JID: RoomSettings] = [:]
    /// The available presences each user may still send to rooms.
    var presenceRate: PresenceRateLimiter
    var rosters: [JID: RoomRoster] = [:] {
        didSet {
            Gauge(label: "mlsgate_rooms_active").record(rosters.count)
            Gauge(label: "mlsgate_occupants").record(rosters.values.reduce(0) { $0 + $1.occupants.count })
        }
    }

    /// - Parameters:
    ///   - sequencer: Orders and stores each room's messages.
    ///   - domain: The component domain; rooms are `room@domain`.
    ///   - configuration: What a join receives.
    ///   - send: Where presences and messages go.
    ///   - now: The clock; the system clock unless a test supplies another.
    ///   - crypto: The cipher suites MLSGate follows groups with.
    ///   - logger: The rooms' logger.
    public init(
        sequencer: RoomSequencer,
        domain: JID,
        configuration: RoomHostConfiguration = RoomHostConfiguration(),
        send: @escaping StanzaSink,
        now: @escaping @Sendable () -> Date = { Date() },
        crypto: any CryptoProvider = DefaultCryptoProvider(),
        logger: Logger
    ) {
        self.roomGuard = RoomGuard(crypto: crypto, services: GroupServices(now: now))
        self.sequencer = sequencer
        self.domain = domain
        self.configuration = configuration
        self.presenceRate = PresenceRateLimiter(limits: configuration.limits)
        self.send = send
        self.now = now
        self.logger = logger
    }

    /// Registers presence to occupants, messages to rooms and the `urn:xmpp:mls:0` get IQs.
    /// - Parameter router: The router, before it is shared.
    public nonisolated func register(on router: inout StanzaRouter) {
        router.onPresence(to: .occupant) { presence in await self.handlePresence(presence) }
        router.onMessage(to: .room) { message in await self.handleMessage(message) }
        router.onMessage(to: .occupant) { message in await self.handleOccupantMessage(message) }
        router.onIQ(namespace: XMPPNamespace.ping, type: .get, to: .occupant) { iq in try await self.handleSelfPing(iq) }
        router.onIQ(namespace: MLSNamespace.mls, type: .get) { iq in try await self.handleIQ(iq) }
        router.onIQ(namespace: XMPPNamespace.mucOwner, type: .get, to: .room) { iq in try await self.handleOwnerIQ(iq) }
        router.onIQ(namespace: XMPPNamespace.mucOwner, type: .set, to: .room) { iq in try await self.handleOwnerIQ(iq) }
        router.onIQ(namespace: XMPPNamespace.discoInfo, type: .get, to: .room) { iq in try await self.handleRoomInfo(iq) }
        // XEP-0045 §6.1, §6.3: the component is a multi-user chat service, and lists its rooms.
        router.identities.append(DiscoIdentity(category: "conference", type: "text", name: "MLSGate encrypted rooms"))
        router.discoItems = { [sequencer, logger] in
            do {
                return try sequencer.roomJIDs().map { jid in
                    XMLElement(
                        name: "item", namespace: XMPPNamespace.discoItems,
                        attributes: [
                            XMLAttribute(name: "jid", value: jid),
                            XMLAttribute(name: "name", value: String(jid.prefix { $0 != "@" })),
                        ])
                }
            } catch {
                logger.error("cannot list the rooms", metadata: ["error": "\(error)"])
                return []
            }
        }
    }

    /// The nicks in a room, in the order they joined.
    public func nicks(in room: JID) -> [String] {
        rosters[room.bare]?.occupants.map(\.nick) ?? []
    }

    /// The XEP-0359 `<stanza-id/>` the room stamps on a message.
    func stanzaID(_ id: String, room: JID) -> XMLElement {
        XMLElement(
            name: "stanza-id",
            namespace: XMPPNamespace.stanzaID,
            attributes: [XMLAttribute(name: "id", value: id), XMLAttribute(name: "by", value: room.description)]
        )
    }
}
