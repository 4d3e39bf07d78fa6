import Foundation
import MLS

/// An accepted message as the history returns it.
public struct StoredMessage: Hashable, Sendable {
    public var sequence: Int64
    public var stanzaID: String
    /// The sender's JID as it was given on submission.
    public var sender: String
    public var epoch: UInt64
    public var contentType: ContentType
    /// The MLSMessage bytes.
    public var payload: [UInt8]
    /// The Welcome that came with a commit, if any.
    public var welcome: [UInt8]?
    public var acceptedAt: Date

    public init(
        sequence: Int64, stanzaID: String, sender: String, epoch: UInt64, contentType: ContentType,
        payload: [UInt8], welcome: [UInt8]?, acceptedAt: Date
    ) {
        self.sequence = sequence
        self.stanzaID = stanzaID
        self.sender = sender
        self.epoch = epoch
        self.contentType = contentType
        self.payload = payload
        self.welcome = welcome
        self.acceptedAt = acceptedAt
    }
}
