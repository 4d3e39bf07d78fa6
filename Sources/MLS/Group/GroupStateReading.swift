/// What proposal and leaf validation and signature checks read of a group: shared by a member's ``Group`` and
/// the ``PublicGroup`` a Delivery Service follows, so that both apply the same rules (RFC 9420 §12.2, §12.3).
protocol GroupStateReading {
    var provider: any CipherSuiteProvider { get }
    var configuration: GroupConfiguration { get }
    var services: GroupServices { get }
    /// The GroupContext of the current epoch.
    var context: GroupContext { get }
    var tree: RatchetTree { get }
    /// Proposals received in this epoch, by reference.
    var proposals: [ProposalCacheEntry] { get }
}

extension Group: GroupStateReading {}
