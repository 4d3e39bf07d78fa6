/// A PSK store that adds resumption PSKs of one group's epochs to another store, for the first
/// commit or Welcome of a successor or branch group (§11.2, §11.3).
struct OverlayPSKStore: PSKStore {
    var base: any PSKStore
    var groupID: [UInt8]
    var resumption: [UInt64: [UInt8]]

    func externalPSK(id: [UInt8]) -> [UInt8]? { base.externalPSK(id: id) }

    func resumptionPSK(groupID: [UInt8], epoch: UInt64) -> [UInt8]? {
        if groupID == self.groupID, let psk = resumption[epoch] { return psk }
        return base.resumptionPSK(groupID: groupID, epoch: epoch)
    }
}
