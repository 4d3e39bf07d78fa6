import DeliveryService
import XMPP

extension StanzaError {
    /// The stanza error for a refusal of the KeyPackage directory: its condition, its message as text and an
    /// application condition named after its code, `<identity-mismatch xmlns='urn:xmpp:mls:keypackages:0'/>`.
    /// - Parameter error: The directory's refusal.
    init(_ error: DirectoryError) {
        self.init(
            error.condition,
            text: error.message,
            applicationCondition: XMLElement(name: error.code.description, namespace: MLSNamespace.keyPackages)
        )
    }

    /// The stanza error for a refusal of the sequencer: its condition, its message as text and an application
    /// condition named after its code; a stale epoch carries the room's epoch,
    /// `<stale-epoch xmlns='urn:xmpp:mls:0' epoch='CURRENT'/>`.
    /// - Parameter error: The sequencer's refusal.
    init(_ error: SequencerError) {
        var condition = XMLElement(name: error.code.description, namespace: MLSNamespace.mls)
        if let epoch = error.currentEpoch {
            condition.setAttribute("epoch", to: String(epoch))
        }
        self.init(
            error.condition,
            text: error.message,
            applicationCondition: condition
        )
    }

    /// The stanza error for a refusal of a room's guard: its condition, its message as text and an application
    /// condition named after its code, `<policy-violation xmlns='urn:xmpp:mls:0'/>`.
    /// - Parameter error: The room's refusal.
    init(_ error: RoomError) {
        self.init(
            error.code.condition,
            text: error.message,
            applicationCondition: XMLElement(name: error.code.description, namespace: MLSNamespace.mls)
        )
    }
}
