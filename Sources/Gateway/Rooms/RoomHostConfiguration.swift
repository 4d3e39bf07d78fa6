import DeliveryService
import XMPP

/// The service-wide options of every room the ``RoomHost`` serves: what a join receives, the limits, the
/// reserved JIDs and service admins, and the policy a new room starts with. One room's own rules are its
/// ``RoomPolicy``, saved with its affiliations as its ``RoomSettings``.
public struct RoomHostConfiguration: Sendable {
    /// How many of the last accepted messages a join receives as room history when the join does not say
    /// (`<history maxstanzas='N'/>` lowers it, `maxchars='0'` or `maxstanzas='0'` sends none). Default 20:
    /// enough to show recent activity; a member catches up on older messages with the history IQ.
    public var historyStanzas: Int
    /// The most messages one history IQ result carries when the request does not say. Default 50; the
    /// sequencer caps it at its own page size.
    public var historyPage: Int
    /// Bare JIDs on the component domain that are not rooms, such as the bots': joins to them are refused with
    /// `not-allowed`, so nobody can open a room that shadows a bot. Default: none.
    public var reservedJIDs: Set<JID>
    /// The policy a room gets when it is created, before its owner configures it (`[rooms]` in the
    /// configuration file). Default: ``RoomPolicy/init(membershipChanges:externalJoins:handshakes:occupants:idleEvictionEpochs:)``.
    public var defaultPolicy: RoomPolicy
    /// Bare JIDs of MLSGate's administrators (`[admin] jids`): they may configure every room, as its owners
    /// can. Default: none.
    public var serviceAdmins: Set<JID>
    /// Occupants per room, rooms per user and the presence rate. Default: ``RoomLimits/init(maxOccupants:maxRoomsPerUser:presenceBurst:presencesPerMinute:)``.
    public var limits: RoomLimits

    public init(
        historyStanzas: Int = 20, historyPage: Int = 50, reservedJIDs: Set<JID> = [],
        defaultPolicy: RoomPolicy = RoomPolicy(), serviceAdmins: Set<JID> = [], limits: RoomLimits = RoomLimits()
    ) {
        self.limits = limits
        self.serviceAdmins = serviceAdmins
        self.historyStanzas = historyStanzas
        self.historyPage = historyPage
        self.reservedJIDs = reservedJIDs
        self.defaultPolicy = defaultPolicy
    }
}
