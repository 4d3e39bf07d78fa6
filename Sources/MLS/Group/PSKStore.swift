/// Supplies the pre-shared keys a group may need (RFC 9420 §8.4).
///
/// Resumption PSKs of the group's own recent epochs are kept by the group itself; the store
/// answers for external PSKs and for resumption PSKs of other groups (reinit, branch).
public protocol PSKStore: Sendable {
    /// The external PSK with this id, or nil when unknown.
    func externalPSK(id: [UInt8]) -> [UInt8]?
    /// The `resumption_psk` of a group's epoch, or nil when unknown.
    func resumptionPSK(groupID: [UInt8], epoch: UInt64) -> [UInt8]?
}

/// A fixed set of external PSKs, and no resumption PSKs of other groups.
public struct StaticPSKStore: PSKStore {
    public var external: [[UInt8]: [UInt8]]
    public var resumption: [ResumptionKey: [UInt8]]

    public struct ResumptionKey: Hashable, Sendable {
        public var groupID: [UInt8]
        public var epoch: UInt64
        public init(groupID: [UInt8], epoch: UInt64) {
            self.groupID = groupID
            self.epoch = epoch
        }
    }

    public init(external: [[UInt8]: [UInt8]] = [:], resumption: [ResumptionKey: [UInt8]] = [:]) {
        self.external = external
        self.resumption = resumption
    }

    public func externalPSK(id: [UInt8]) -> [UInt8]? { external[id] }
    public func resumptionPSK(groupID: [UInt8], epoch: UInt64) -> [UInt8]? {
        resumption[ResumptionKey(groupID: groupID, epoch: epoch)]
    }
}
