import MLS

/// The group state a room follows, with a version bumped at each change of the state or of what it is checked
/// against (the room's settings), so that a check that suspended can tell it must run again.
struct FollowedGroup: Sendable {
    /// The state, or nil until it is loaded from the store, or when the room follows no group.
    private(set) var state: PublicGroup?
    private(set) var version = 0

    /// Replaces the state, and bumps the version.
    mutating func install(_ state: PublicGroup?) {
        self.state = state
        version += 1
    }

    /// Bumps the version alone: what handshakes are checked against changed.
    mutating func invalidateChecks() {
        version += 1
    }

    /// Caches the state as loaded from the store, which changes nothing.
    mutating func load(_ state: PublicGroup) {
        self.state = state
    }
}
