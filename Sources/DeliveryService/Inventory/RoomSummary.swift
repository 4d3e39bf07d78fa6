import Foundation

/// What the database holds about one room, for operators (`mlsgate rooms`). Carries no message contents.
public struct RoomSummary: Hashable, Sendable {
    /// The room's bare JID.
    public var jid: String
    /// The MLS group bound to the room by its first commit, or nil while none has been accepted.
    public var groupID: [UInt8]?
    /// The current epoch.
    public var epoch: UInt64
    /// The size in bytes of the stored GroupInfo, or nil when there is none.
    public var groupInfoBytes: Int?
    /// Accepted commits.
    public var commits: Int
    /// Accepted proposals.
    public var proposals: Int
    /// Accepted application messages.
    public var applicationMessages: Int
    /// Distinct senders of accepted messages.
    public var senders: Int
    /// When the last message was accepted, or nil when none was.
    public var lastAcceptedAt: Date?

    public init(
        jid: String, groupID: [UInt8]?, epoch: UInt64, groupInfoBytes: Int?, commits: Int, proposals: Int,
        applicationMessages: Int, senders: Int, lastAcceptedAt: Date?
    ) {
        self.jid = jid
        self.groupID = groupID
        self.epoch = epoch
        self.groupInfoBytes = groupInfoBytes
        self.commits = commits
        self.proposals = proposals
        self.applicationMessages = applicationMessages
        self.senders = senders
        self.lastAcceptedAt = lastAcceptedAt
    }
}
