import Foundation

/// The bounds that keep one user from exhausting the rooms for everyone (`[rooms]` in the configuration file).
public struct RoomLimits: Hashable, Sendable {
    /// The most occupants one room holds at once. Default: 1000. A join past it is refused with
    /// `service-unavailable` of type `wait` (XEP-0045 §7.2.10): every occupant costs a presence to every other
    /// on each join and leave.
    public var maxOccupants: Int
    /// The most rooms one user (bare JID) may create. Default: 100. A join that would create one more is refused
    /// with `resource-constraint`; rooms persist in the database, so without a bound one account could fill it.
    public var maxRoomsPerUser: Int
    /// How many rooms one user (bare JID) may enter in a burst. Default: 30. Entering makes the room send a
    /// presence to every occupant; an occupant's later presences (status changes) are answered to it alone and
    /// are not counted.
    public var presenceBurst: Int
    /// How many rooms one user may enter per minute once the burst is spent. Default: 60. A join past the rate
    /// is refused with `resource-constraint` of type `wait`; leaving is never limited.
    public var presencesPerMinute: Int

    /// Makes a set of limits; see each property for its default.
    public init(maxOccupants: Int = 1000, maxRoomsPerUser: Int = 100, presenceBurst: Int = 30, presencesPerMinute: Int = 60) {
        self.maxOccupants = maxOccupants
        self.maxRoomsPerUser = maxRoomsPerUser
        self.presenceBurst = presenceBurst
        self.presencesPerMinute = presencesPerMinute
    }
}
