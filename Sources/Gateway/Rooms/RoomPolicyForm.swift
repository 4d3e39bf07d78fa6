import DeliveryService
import XMPP

/// A room's settings as XEP-0045 §10.2 room configuration form (`muc#roomconfig`) fields, and as the
/// XEP-0128 extended information of its disco#info (`urn:xmpp:mls:0#policy`).
enum RoomPolicyForm {
    static let configFormType = "http://jabber.org/protocol/muc#roomconfig"
    static let infoFormType = "urn:xmpp:mls:0#policy"
    static let owners = "muc#roomconfig_roomowners"
    static let admins = "muc#roomconfig_roomadmins"
    static let membersOnly = "muc#roomconfig_membersonly"
    static let membershipChanges = "urn:xmpp:mls:0#membership-changes"
    static let externalJoins = "urn:xmpp:mls:0#external-joins"
    static let handshakes = "urn:xmpp:mls:0#handshakes"
    static let idleEviction = "urn:xmpp:mls:0#idle-eviction-epochs"

    /// The configuration form with the room's current settings.
    static func form(_ settings: RoomSettings) -> DataForm {
        let policy = settings.policy
        return DataForm(
            kind: .form, formType: configFormType, title: "Configuration of the MLS room",
            fields: [
                DataFormField(variable: owners, type: .jidMulti, label: "Room owners", values: settings.owners),
                DataFormField(variable: admins, type: .jidMulti, label: "Room admins", values: settings.admins),
                DataFormField(
                    variable: membersOnly, type: .boolean, label: "Only members of the MLS group may enter",
                    values: [policy.occupants == .membersOnly ? "1" : "0"]),
                choice(membershipChanges, label: "Who may add and remove members", value: policy.membershipChanges) {
                    switch $0 {
                    case .anyone: "Any member"
                    case .ownersAndAdmins: "Owners and admins"
                    }
                },
                DataFormField(
                    variable: externalJoins, type: .boolean, label: "Allow external joins (external commits)",
                    values: [policy.externalJoins ? "1" : "0"]),
                choice(handshakes, label: "How proposals and commits travel", value: policy.handshakes) {
                    switch $0 {
                    case .publicMessage: "PublicMessage, enforced by MLSGate"
                    case .privateAllowed: "PrivateMessage allowed"
                    }
                },
                DataFormField(
                    variable: idleEviction, type: .textSingle,
                    label: "Epochs a member may go without updating its keys before its removal is proposed (0: never)",
                    values: [String(policy.idleEvictionEpochs)]),
            ])
    }

    /// A `list-single` field offering every value of a policy choice.
    private static func choice<Value: RawRepresentable & CaseIterable>(
        _ variable: String, label: String, value: Value, optionLabel: (Value) -> String
    ) -> DataFormField where Value.RawValue == String {
        DataFormField(
            variable: variable, type: .listSingle, label: label, values: [value.rawValue],
            options: Value.allCases.map { .init($0.rawValue, label: optionLabel($0)) })
    }

    /// The settings a submitted form asks for; fields left out keep their current value.
    ///
    /// - Throws: `StanzaError` `not-acceptable` naming the field at fault.
    static func apply(_ form: DataForm, to current: RoomSettings) throws(StanzaError) -> RoomSettings {
        if let type = form.formType, type != configFormType {
            throw StanzaError(.notAcceptable, text: "the form is a \(type), not a \(configFormType)")
        }
        var settings = current
        if let owners = try form.bareJIDs(owners) {
            guard !owners.isEmpty else { throw StanzaError(.notAcceptable, text: "a room needs at least one owner") }
            settings.owners = owners
        }
        if let admins = try form.bareJIDs(admins) { settings.admins = admins }
        if let membersOnly = try form.bool(membersOnly) {
            settings.policy.occupants = membersOnly ? .membersOnly : .anyone
        }
        if let external = try form.bool(externalJoins) { settings.policy.externalJoins = external }
        if let value = try form.choice(membershipChanges, of: RoomPolicy.MembershipChanges.self) {
            settings.policy.membershipChanges = value
        }
        if let value = try form.choice(handshakes, of: RoomPolicy.Handshakes.self) { settings.policy.handshakes = value }
        if let text = try form.single(idleEviction) {
            guard let value = UInt64(text) else {
                throw StanzaError(.notAcceptable, text: "\(idleEviction) must be a whole number of epochs")
            }
            settings.policy.idleEvictionEpochs = value
        }
        if let inconsistency = settings.policy.inconsistency {
            throw StanzaError(.notAcceptable, text: inconsistency)
        }
        return settings
    }

    /// The policy as XEP-0128 extended information, for every client to enforce the same rules.
    static func info(_ settings: RoomSettings, epoch: UInt64?, members: Int?) -> DataForm {
        let policy = settings.policy
        var fields = [
            DataFormField(variable: "membership-changes", values: [policy.membershipChanges.rawValue]),
            DataFormField(variable: "external-joins", values: [policy.externalJoins ? "1" : "0"]),
            DataFormField(variable: "handshakes", values: [policy.handshakes.rawValue]),
            DataFormField(variable: "occupants", values: [policy.occupants.rawValue]),
            DataFormField(variable: "idle-eviction-epochs", values: [String(policy.idleEvictionEpochs)]),
            DataFormField(variable: "owners", values: settings.owners),
            DataFormField(variable: "admins", values: settings.admins),
        ]
        if let epoch { fields.append(DataFormField(variable: "epoch", values: [String(epoch)])) }
        if let members { fields.append(DataFormField(variable: "members", values: [String(members)])) }
        return DataForm(kind: .result, formType: infoFormType, fields: fields)
    }
}
