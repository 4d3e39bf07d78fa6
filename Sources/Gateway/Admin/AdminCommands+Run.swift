import DeliveryService
import Foundation
import MLS
import XMPP

extension AdminCommands {
    /// The longest destruction reason accepted, in characters: it travels in every occupant's presence.
    static let maximumReasonLength = 500

    /// Runs a command.
    /// - Parameters:
    ///   - command: The command.
    ///   - form: The submitted form, for a command that asks for one.
    ///   - requester: Who runs it, for the log.
    /// - Returns: The result.
    /// - Throws: ``StanzaError`` `bad-request` with `<bad-payload/>` for bad input (nothing changed), or
    ///   `internal-server-error` when the database fails.
    func run(_ command: AdminCommand, form: DataForm?, requester: JID) async throws(StanzaError) -> AdminAnswer {
        let form = form ?? DataForm(kind: .submit)
        switch command {
        case .listRooms: return try await listRooms()
        case .showRoom: return try await showRoom(try roomField(form))
        case .listBots: return await listBots()
        case .keyPackageStock: return try keyPackageStock(try userField(form))
        case .destroyRoom: return try await destroyRoom(form, requester: requester)
        case .removeBot:
            return try await removeBot(bot: try userField(form, "bot"), room: try roomField(form), requester: requester)
        }
    }

    /// The form a command asks for, or nil when it needs none.
    static func inputForm(_ command: AdminCommand, domain: JID) -> DataForm? {
        let room = DataFormField(
            variable: "room", type: .jidSingle, label: "Room", description: "A room JID, such as lobby@\(domain)",
            isRequired: true)
        switch command {
        case .listRooms, .listBots:
            return nil
        case .showRoom:
            return DataForm(kind: .form, title: "Show a room", instructions: ["Which room?"], fields: [room])
        case .keyPackageStock:
            return DataForm(
                kind: .form, title: "Show a user's KeyPackage stock", instructions: ["Whose KeyPackages?"],
                fields: [
                    DataFormField(
                        variable: "jid", type: .jidSingle, label: "User",
                        description: "The user's JID; a full JID counts as its bare JID", isRequired: true)
                ])
        case .destroyRoom:
            return DataForm(
                kind: .form, title: "Destroy a room",
                instructions: [
                    "Deletes the room's stored group binding, epoch and accepted messages, and removes its occupants. "
                        + "It cannot be undone."
                ],
                fields: [
                    room,
                    DataFormField(
                        variable: "reason", type: .textSingle, label: "Reason",
                        description: "Told to the occupants; optional"),
                    DataFormField(
                        variable: "confirm", type: .boolean, label: "Yes, destroy the room", isRequired: true,
                        values: ["false"]),
                ])
        case .removeBot:
            return DataForm(
                kind: .form, title: "Remove a bot from a room",
                instructions: [
                    "The bot proposes its own removal from the room's group (a SelfRemove when every member supports "
                        + "it), leaves the room and forgets the group; a member's next commit removes it."
                ],
                fields: [
                    DataFormField(
                        variable: "bot", type: .jidSingle, label: "Bot or bridge",
                        description: "Its JID, such as echo@\(domain)", isRequired: true),
                    room,
                ])
        }
    }

    // MARK: - Commands

    private func listRooms() async throws(StanzaError) -> AdminAnswer {
        let summaries = try storage { () throws(StoreError) in try store.roomSummaries() }
        let occupants = await rooms.occupantCounts()
        let columns: [(String, String, DataFormField.FieldType)] = [
            ("room", "Room", .jidSingle), ("epoch", "Epoch", .textSingle), ("occupants", "Occupants", .textSingle),
            ("commits", "Commits", .textSingle), ("proposals", "Proposals", .textSingle),
            ("application-messages", "Application messages", .textSingle),
            ("last-accepted", "Last accepted (UTC)", .textSingle),
        ]
        let items = summaries.map { room in
            let count = (try? JID(room.jid)).flatMap { occupants[$0] } ?? 0
            return [
                Self.cell("room", room.jid), Self.cell("epoch", String(room.epoch)),
                Self.cell("occupants", String(count)), Self.cell("commits", String(room.commits)),
                Self.cell("proposals", String(room.proposals)),
                Self.cell("application-messages", String(room.applicationMessages)),
                Self.cell("last-accepted", room.lastAcceptedAt.map(RoomDetails.timestamp)),
            ]
        }
        return AdminAnswer(
            form: DataForm(
                kind: .result, title: "MLS rooms",
                reported: columns.map { DataFormField(variable: $0.0, type: $0.2, label: $0.1) }, items: items),
            notes: [AdHocCommand.Note(.info, Self.count(summaries.count, "room"))])
    }

    private func showRoom(_ room: JID) async throws(StanzaError) -> AdminAnswer {
        let loaded: RoomDetails?
        do {
            loaded = try await RoomDetails.load(room: room, store: store, host: rooms)
        } catch {
            throw storageFailure(error)
        }
        guard let details = loaded else { throw Self.badInput("there is no room \(room)") }
        var notes: [AdHocCommand.Note] = []
        if details.summary.groupID == nil {
            notes.append(AdHocCommand.Note(.info, "no commit was accepted yet: the room is bound to no MLS group"))
        } else if details.members == nil {
            notes.append(
                AdHocCommand.Note(
                    .info, "the room does not follow its group (PrivateMessage handshakes allowed): members unknown"))
        }
        return AdminAnswer(
            form: DataForm(kind: .result, title: "Room \(room)", fields: details.formFields), notes: notes)
    }

    private func listBots() async -> AdminAnswer {
        let bots = await bots()
        let reported = [
            DataFormField(variable: "bot", type: .jidSingle, label: "Bot"),
            DataFormField(variable: "kind", type: .textSingle, label: "Kind"),
            DataFormField(variable: "rooms", type: .jidMulti, label: "Rooms"),
        ]
        let items = bots.map { bot in
            [
                Self.cell("bot", bot.jid.description), Self.cell("kind", bot.kind),
                DataFormField(variable: "rooms", values: bot.rooms.map(\.description)),
            ]
        }
        let note = bots.isEmpty ? "no bots are configured" : Self.count(bots.count, "bot")
        return AdminAnswer(
            form: DataForm(kind: .result, title: "Bots", reported: reported, items: items),
            notes: [AdHocCommand.Note(.info, note)])
    }

    private func keyPackageStock(_ user: JID) throws(StanzaError) -> AdminAnswer {
        let owner = user.bare.description
        let stock = try storage { () throws(StoreError) in try store.keyPackageStock(owner: owner, now: now()) }
        let reported = [
            DataFormField(variable: "cipher-suite", type: .textSingle, label: "Cipher suite"),
            DataFormField(variable: "suite-name", type: .textSingle, label: "Name"),
            DataFormField(variable: "available", type: .textSingle, label: "Available"),
            DataFormField(variable: "last-resort", type: .textSingle, label: "Last resort"),
            DataFormField(variable: "expired", type: .textSingle, label: "Expired"),
            DataFormField(variable: "next-expiry", type: .textSingle, label: "Next expiry (UTC)"),
        ]
        let items = stock.map { suite in
            [
                Self.cell("cipher-suite", String(suite.suite.rawValue)),
                Self.cell("suite-name", suite.suite.description),
                Self.cell("available", String(suite.ordinary)), Self.cell("last-resort", String(suite.lastResort)),
                Self.cell("expired", String(suite.expired)),
                Self.cell("next-expiry", suite.nextExpiry.map(RoomDetails.timestamp)),
            ]
        }
        var notes: [AdHocCommand.Note] = []
        if stock.isEmpty {
            notes.append(AdHocCommand.Note(.warn, "\(owner) has no KeyPackages: nobody can add them to a room"))
        } else if stock.allSatisfy({ $0.ordinary == 0 }) {
            notes.append(
                AdHocCommand.Note(
                    .warn, "\(owner) has no ordinary KeyPackage left: their client should publish more"))
        }
        return AdminAnswer(
            form: DataForm(kind: .result, title: "KeyPackages of \(owner)", reported: reported, items: items),
            notes: notes)
    }

    private func destroyRoom(_ form: DataForm, requester: JID) async throws(StanzaError) -> AdminAnswer {
        let room = try roomField(form)
        var reason = form.value("reason")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason?.isEmpty == true { reason = nil }
        if let reason, reason.count > Self.maximumReasonLength {
            throw Self.badInput("the reason is \(reason.count) characters long, at most \(Self.maximumReasonLength)")
        }
        guard form.field("confirm")?.booleanValue == true else {
            throw Self.badInput("set confirm to true to destroy \(room); nothing was changed")
        }
        let destroyed: DestroyedRoom?
        do throws(SequencerError) {
            destroyed = try await rooms.destroy(room: room, reason: reason)
        } catch {
            throw storageFailure(error)
        }
        guard let destroyed else { throw Self.badInput("there is no room \(room)") }
        logger.notice(
            "an administrator destroyed a room",
            metadata: [
                "admin": "\(requester.bare)", "room": "\(room)", "messages": "\(destroyed.deletedMessages)",
                "occupants": "\(destroyed.removedOccupants.count)",
            ])
        let messages = Self.count(destroyed.deletedMessages, "accepted message")
        let occupants = Self.count(destroyed.removedOccupants.count, "occupant")
        return AdminAnswer(
            notes: [AdHocCommand.Note(.info, "destroyed \(room): \(messages) deleted, \(occupants) removed")])
    }

    // MARK: - Input

    /// The `room` field: a bare room JID on the component domain.
    func roomField(_ form: DataForm) throws(StanzaError) -> JID {
        let text = try single(form, "room", what: "a room JID such as lobby@\(domain)")
        guard let jid = try? JID(text), jid.localpart != nil, jid.resourcepart == nil,
            jid.domainpart == domain.domainpart
        else {
            throw Self.badInput("'\(text)' is not a room of \(domain): give a bare JID such as lobby@\(domain)")
        }
        return jid
    }

    /// A JID field (`jid` unless named), taken as its bare JID.
    func userField(_ form: DataForm, _ variable: String = "jid") throws(StanzaError) -> JID {
        let text = try single(form, variable, what: "a JID such as alice@example.org")
        guard let jid = try? JID(text) else { throw Self.badInput("'\(text)' is not a JID") }
        return jid.bare
    }

    /// The one non-empty value of a required field.
    private func single(_ form: DataForm, _ variable: String, what: String) throws(StanzaError) -> String {
        let values = (form.values(variable) ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard let value = values.first else { throw Self.badInput("fill in the \(variable) field with \(what)") }
        guard values.count == 1 else {
            throw Self.badInput("the \(variable) field takes one value, not \(values.count)")
        }
        return value
    }

    static func badInput(_ text: String) -> StanzaError {
        StanzaError(AdHocCommandCondition.badPayload, text: text)
    }

    // MARK: - Helpers

    /// `1 room`, `2 rooms`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// A field of a result row.
    static func cell(_ variable: String, _ value: String?) -> DataFormField {
        DataFormField(variable: variable, values: value.map { [$0] } ?? [])
    }

    private func storage<T>(_ body: () throws(StoreError) -> T) throws(StanzaError) -> T {
        do throws(StoreError) {
            return try body()
        } catch {
            throw storageFailure(error)
        }
    }

    /// Logs a database failure and answers `internal-server-error`, without the details.
    private func storageFailure(_ error: any Error) -> StanzaError {
        logger.error("an administration command cannot use the database", metadata: ["error": "\(error)"])
        return StanzaError(.internalServerError, text: "the database failed; the log has the details")
    }
}
