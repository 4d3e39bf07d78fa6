/// The sequencer's limits.
public struct SequencerConfiguration: Sendable {
    /// How many epochs before the current one still accept proposals and application messages. Default 3:
    /// members that have not yet processed the latest commits can still send, as RFC 9750 §5.2 allows.
    public var pastEpochs: UInt64
    /// The largest MLSMessage, Welcome or GroupInfo accepted, in bytes. Default 192 KiB: after base64 it
    /// fits in the 256 KiB stanzas common XMPP servers accept.
    public var maximumPayloadBytes: Int
    /// The most messages one history page returns. Default 100.
    public var maximumHistoryPage: Int

    public init(
        pastEpochs: UInt64 = 3, maximumPayloadBytes: Int = 192 * 1024, maximumHistoryPage: Int = 100
    ) {
        self.pastEpochs = pastEpochs
        self.maximumPayloadBytes = maximumPayloadBytes
        self.maximumHistoryPage = maximumHistoryPage
    }
}
