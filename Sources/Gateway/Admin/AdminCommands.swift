import DeliveryService
import Foundation
import Logging
import XMPP

/// XEP-0050 ad-hoc commands on the component JID for the administrators named in the configuration: list rooms,
/// show a room, list bots, show a user's KeyPackage stock, destroy a room (``AdminCommand``).
///
/// ```text
/// disco#info  (domain)                          ─▶ feature http://jabber.org/protocol/commands
/// disco#items node='http://jabber.org/protocol/commands' ─▶ the commands (admins) / none (anyone else)
/// disco#info  node='urn:xmpp:mls:admin:…'       ─▶ automation/command-node (admins) / forbidden
/// iq set <command node='N'/>                    ─▶ no input needed: status='completed' + result form / notes
///                                               └▶ input needed:    status='executing' + form, sessionid
/// iq set <command node='N' sessionid='S'><x type='submit'/></command> ─▶ completed, or bad-request (session kept)
/// iq set <command node='N' sessionid='S' action='cancel'/>           ─▶ status='canceled'
/// ```
///
/// Refusals: anyone not in ``AdminConfiguration/admins`` gets `forbidden` (for every node, known or not); an
/// unknown node `item-not-found`; a malformed request or bad form input `bad-request` with a `<text/>` saying
/// what to fix and a §4.4 condition, changing nothing; a session that ended, expired or belongs to another
/// requester `not-allowed` with `<session-expired/>`. An actor, so sessions change one request at a time.
public actor AdminCommands {
    let configuration: AdminConfiguration
    let domain: JID
    let store: DeliveryStore
    let rooms: RoomHost
    let bots: @Sendable () async -> [BotListing]
    let removeBot: @Sendable (_ bot: JID, _ room: JID) async -> BotDeparture?
    let now: @Sendable () -> Date
    let logger: Logger
    var sessions: AdminSessions

    /// - Parameters:
    ///   - configuration: Who may run commands, and session bounds.
    ///   - domain: The component domain, where the commands live.
    ///   - store: The database the inventory is read from.
    ///   - rooms: The rooms being served: occupants, and destruction.
    ///   - bots: The configured bots and their rooms.
    ///   - removeBot: Has a configured bot or bridge leave a room (``BotRunner/leave(_:)``); nil when no such bot
    ///     is configured.
    ///   - now: The clock; the system clock unless a test supplies another.
    ///   - makeSessionID: Makes a unique `sessionid`; a random UUID by default.
    ///   - logger: The commands' logger.
    public init(
        configuration: AdminConfiguration,
        domain: JID,
        store: DeliveryStore,
        rooms: RoomHost,
        bots: @escaping @Sendable () async -> [BotListing] = { [] },
        removeBot: @escaping @Sendable (_ bot: JID, _ room: JID) async -> BotDeparture? = { _, _ in nil },
        now: @escaping @Sendable () -> Date = { Date() },
        makeSessionID: @escaping @Sendable () -> String = { UUID().uuidString },
        logger: Logger
    ) {
        self.configuration = configuration
        self.domain = domain
        self.store = store
        self.sessions = AdminSessions(configuration: configuration, now: now, makeID: makeSessionID)
        self.rooms = rooms
        self.bots = bots
        self.removeBot = removeBot
        self.now = now
        self.logger = logger
    }

    /// Registers `<command/>` sets, which also makes disco#info list `http://jabber.org/protocol/commands`, and the
    /// disco nodes of the command list and of each command.
    /// - Parameter router: The router, before it is shared.
    public nonisolated func register(on router: inout StanzaRouter) {
        router.onIQ(namespace: AdHocCommand.namespace, type: .set) { iq in try await self.handle(iq) }
        router.onDiscoNode(
            AdHocCommand.namespace,
            DiscoNode(
                info: { _ in
                    DiscoInfo(
                        identities: [DiscoIdentity(category: "automation", type: "command-list", name: "Commands")],
                        features: [AdHocCommand.namespace])
                },
                items: { iq in self.commandItems(for: iq) }
            )
        )
        for command in AdminCommand.allCases {
            router.onDiscoNode(command.node, DiscoNode(info: { iq in try self.commandInfo(command, for: iq) }))
        }
    }

    /// Whether a sender is one of the administrators.
    nonisolated func isAdmin(_ sender: JID?) -> Bool {
        guard let sender else { return false }
        return configuration.admins.contains(sender.bare)
    }

    /// §2.2: the commands, listed only to administrators; anyone else gets an empty list, which the XEP allows
    /// ("the responder is not required to send the same list of commands to all requesters").
    nonisolated func commandItems(for iq: IQ) -> [DiscoItem] {
        guard isAdmin(iq.from) else { return [] }
        return AdminCommand.allCases.map { DiscoItem(jid: domain, node: $0.node, name: $0.name) }
    }

    /// §2.2: a command's identity and features, or `forbidden` for a command the requester may not run.
    nonisolated func commandInfo(_ command: AdminCommand, for iq: IQ) throws(StanzaError) -> DiscoInfo {
        guard isAdmin(iq.from) else { throw Self.forbidden }
        return DiscoInfo(
            identities: [DiscoIdentity(category: "automation", type: "command-node", name: command.name)],
            features: [AdHocCommand.namespace, DataForm.namespace])
    }

    static let forbidden = StanzaError(
        .forbidden, text: "only the administrators listed in [admin] jids may run commands")

    /// Handles one `<command/>` set.
    /// - Parameter iq: The request.
    /// - Returns: The `<command/>` answer.
    /// - Throws: ``StanzaError`` for a refusal; nothing changed then.
    func handle(_ iq: IQ) async throws(StanzaError) -> XMLElement {
        guard StanzaTarget.classify(iq.to, domain: domain) == .domain else {
            throw StanzaError(.serviceUnavailable, text: "the administration commands are on \(domain)")
        }
        guard let requester = iq.from, isAdmin(requester) else { throw Self.forbidden }
        guard let payload = iq.payload else { throw StanzaError(.badRequest, text: "the request has no <command/>") }
        let request: AdHocCommand
        do throws(AdHocCommandError) {
            request = try AdHocCommand(payload)
        } catch {
            throw error.stanzaError
        }
        guard let command = AdminCommand(node: request.node) else {
            throw StanzaError(.itemNotFound, text: "no command \(request.node) on \(domain)")
        }
        sessions.expire()
        if request.action == .cancel {
            return try cancel(request, command: command, requester: requester).element
        }
        if let sessionID = request.sessionID {
            return try await resume(request, sessionID: sessionID, command: command, requester: requester).element
        }
        return try await start(request, command: command, requester: requester).element
    }

    /// The first request: a command without input completes at once; one with input answers its form.
    private func start(_ request: AdHocCommand, command: AdminCommand, requester: JID) async throws(StanzaError)
        -> AdHocCommand
    {
        guard request.action != .prev else {
            throw StanzaError(AdHocCommandCondition.badAction, text: "there is no previous stage to go back to")
        }
        guard command.needsInput else {
            let answer = try await run(command, form: nil, requester: requester)
            return completed(command, sessionID: sessions.makeID(), answer)
        }
        let session = try sessions.open(command, requester: requester)
        return AdHocCommand(
            node: command.node, sessionID: session.id, status: .executing, allowedActions: [.complete],
            executeAction: .complete, form: Self.inputForm(command, domain: domain))
    }

    /// A submitted form for a waiting session: runs the command. Bad input leaves the session waiting, so the
    /// form can be corrected and sent again.
    private func resume(_ request: AdHocCommand, sessionID: String, command: AdminCommand, requester: JID)
        async throws(StanzaError) -> AdHocCommand
    {
        let session = try sessions.session(sessionID, command: command, requester: requester)
        let allowed: [AdHocCommand.Action?] = [nil, .execute, .complete]
        guard allowed.contains(request.action) else {
            throw StanzaError(AdHocCommandCondition.badAction, text: "this stage allows only complete or cancel")
        }
        guard let form = request.form else {
            throw StanzaError(
                AdHocCommandCondition.badPayload, text: "submit the command's form with sessionid \(sessionID)")
        }
        // Taken out while the command runs, so a repeated submission cannot run it twice.
        sessions.end(sessionID)
        do throws(StanzaError) {
            let answer = try await run(command, form: form, requester: requester)
            return completed(command, sessionID: sessionID, answer)
        } catch {
            if error.applicationCondition?.name == AdHocCommandCondition.badPayload.rawValue {
                sessions.renew(session)
            }
            throw error
        }
    }

    /// §3.3: ends a waiting session.
    private func cancel(_ request: AdHocCommand, command: AdminCommand, requester: JID) throws(StanzaError)
        -> AdHocCommand
    {
        guard let sessionID = request.sessionID else {
            throw StanzaError(
                AdHocCommandCondition.badSessionID, text: "cancel needs the sessionid of the command to cancel")
        }
        _ = try sessions.session(sessionID, command: command, requester: requester)
        sessions.end(sessionID)
        return AdHocCommand(node: command.node, sessionID: sessionID, status: .canceled)
    }

    private func completed(_ command: AdminCommand, sessionID: String, _ answer: AdminAnswer) -> AdHocCommand {
        AdHocCommand(
            node: command.node, sessionID: sessionID, status: .completed, notes: answer.notes, form: answer.form)
    }
}

/// What a command produces: a result form, notes, or both.
struct AdminAnswer: Sendable {
    var form: DataForm?
    var notes: [AdHocCommand.Note] = []
}
