/// The one rule by which a room orders messages (RFC 9750 §5.2): the room is bound to the group of its first
/// commit; one commit is accepted per epoch, the one for the current epoch; other messages are accepted for the
/// current epoch and the `pastEpochs` before it.
///
/// Pure, so that the sequencer's transaction and the pre-check a room runs before its own checks apply the same
/// rule to the same stored state.
public struct EpochRule: Sendable {
    /// How many epochs before the current one still accept proposals and application messages.
    public var pastEpochs: UInt64

    public init(pastEpochs: UInt64) {
        self.pastEpochs = pastEpochs
    }

    /// Checks a message against the room's stored binding and epoch.
    /// - Parameters:
    ///   - header: The message's clear header.
    ///   - boundGroup: The group id the room is bound to, or nil before its first commit.
    ///   - currentEpoch: The room's stored epoch; ignored while the room is unbound.
    /// - Returns: The epoch the room moves to when the message is a commit; nil for any other message.
    /// - Throws: `SequencerError` `.roomNotBound`, `.wrongGroup`, `.staleEpoch` or `.epochExhausted`.
    public func check(
        _ header: MessageHeader, boundGroup: [UInt8]?, currentEpoch: UInt64
    ) throws(SequencerError) -> UInt64? {
        let isCommit = header.contentType == .commit
        var current = currentEpoch
        if let boundGroup {
            guard boundGroup == header.groupID else {
                throw SequencerError(.wrongGroup, "the message is for another group than the room's")
            }
        } else {
            guard isCommit else {
                throw SequencerError(.roomNotBound, "the room has no group yet; its first message must be a commit")
            }
            // The first commit binds the room: its group id, and its epoch as the current one.
            current = header.epoch
        }
        guard isCommit else {
            guard header.epoch <= current, current - header.epoch <= pastEpochs else {
                throw SequencerError.staleEpoch(current: current, got: header.epoch)
            }
            return nil
        }
        guard header.epoch == current else { throw SequencerError.staleEpoch(current: current, got: header.epoch) }
        guard current < UInt64.max else {
            throw SequencerError(.epochExhausted, "a commit cannot leave the last epoch")
        }
        return current + 1
    }
}
