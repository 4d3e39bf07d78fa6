/// An XEP-0050 `<command/>`: a request to run, continue or cancel a command, or the responder's answer with its
/// status, the actions the next stage allows, notes and a data form.
///
/// ```text
/// <command xmlns='http://jabber.org/protocol/commands' node='N' sessionid='S'
///          action='execute|cancel|prev|next|complete' status='executing|completed|canceled'>
///   <actions execute='complete'><complete/></actions>
///   <note type='info|warn|error'>text</note>
///   <x xmlns='jabber:x:data' type='form|submit|result'>…</x>
/// </command>
/// ```
///
/// Reading checks what §4.1 requires of a request (a node, a non-empty session id, a known action, a well-formed
/// form); a `status` sent by a requester is ignored, as §4.1 says.
public struct AdHocCommand: Hashable, Sendable {
    /// §4.1 actions a requester asks for; `execute` is the default.
    public enum Action: String, CaseIterable, Hashable, Sendable {
        case execute, cancel, prev, next, complete
    }

    /// §4.1 states a responder reports.
    public enum Status: String, CaseIterable, Hashable, Sendable {
        case executing, completed, canceled
    }

    /// §4.3 `<note/>`: a message about the command for the person running it.
    public struct Note: Hashable, Sendable {
        /// Its severity; `info` when absent.
        public enum Kind: String, CaseIterable, Hashable, Sendable {
            case info, warn, error
        }

        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// The command, as listed under the `http://jabber.org/protocol/commands` disco node.
    public var node: String
    /// The session a stage belongs to; the responder sets it on its first answer.
    public var sessionID: String?
    /// What the requester asks for; nil means `execute`.
    public var action: Action?
    /// What the responder reports.
    public var status: Status?
    /// §4.2: the actions the next stage allows (`prev`, `next`, `complete`), sent while executing.
    public var allowedActions: [Action]
    /// §4.2: the action `execute` stands for in the next stage.
    public var executeAction: Action?
    /// The notes.
    public var notes: [Note]
    /// The data form: one to fill in, a submitted one, or results.
    public var form: DataForm?

    public init(
        node: String, sessionID: String? = nil, action: Action? = nil, status: Status? = nil,
        allowedActions: [Action] = [], executeAction: Action? = nil, notes: [Note] = [], form: DataForm? = nil
    ) {
        self.node = node
        self.sessionID = sessionID
        self.action = action
        self.status = status
        self.allowedActions = allowedActions
        self.executeAction = executeAction
        self.notes = notes
        self.form = form
    }

    /// Reads a `<command/>`.
    /// - Throws: ``AdHocCommandError`` for what §4.1 forbids, with the condition to answer with.
    public init(_ element: XMLElement) throws(AdHocCommandError) {
        let namespace = AdHocCommand.namespace
        guard element.name == "command", element.namespace == namespace else {
            throw AdHocCommandError(nil, "<\(element.name)/> is not a <command xmlns='\(namespace)'/>")
        }
        guard let node = element.attribute("node"), !node.isEmpty else {
            throw AdHocCommandError(nil, "the <command/> needs a node naming the command")
        }
        let sessionID = element.attribute("sessionid")
        if sessionID?.isEmpty == true {
            throw AdHocCommandError(.badSessionID, "the sessionid must not be empty")
        }
        var action: Action?
        if let text = element.attribute("action") {
            guard let known = Action(rawValue: text) else {
                throw AdHocCommandError(
                    .malformedAction, "the action '\(text)' is not execute, cancel, prev, next or complete")
            }
            action = known
        }
        var allowed: [Action] = []
        var execute: Action?
        if let actions = element.child(named: "actions", namespace: namespace) {
            allowed = actions.elements.filter { $0.namespace == namespace }.compactMap { Action(rawValue: $0.name) }
            execute = actions.attribute("execute").flatMap(Action.init(rawValue:))
        }
        let notes = element.elements.filter { $0.name == "note" && $0.namespace == namespace }.map { note in
            Note(note.attribute("type").flatMap(Note.Kind.init(rawValue:)) ?? .info, note.text)
        }
        var form: DataForm?
        if let x = element.child(named: "x", namespace: DataForm.namespace) {
            do {
                form = try DataForm(x)
            } catch {
                throw AdHocCommandError(.badPayload, "the data form is malformed: \(error)")
            }
        }
        self.init(
            node: node, sessionID: sessionID, action: action,
            status: element.attribute("status").flatMap(Status.init(rawValue:)), allowedActions: allowed,
            executeAction: execute, notes: notes, form: form)
    }

    /// The `<command/>` element: `<actions/>` first, then the notes, then the form.
    public var element: XMLElement {
        let namespace = AdHocCommand.namespace
        var command = XMLElement(name: "command", namespace: namespace)
        command.setAttribute("node", to: node)
        command.setAttribute("sessionid", to: sessionID)
        command.setAttribute("action", to: action?.rawValue)
        command.setAttribute("status", to: status?.rawValue)
        if !allowedActions.isEmpty || executeAction != nil {
            var actions = XMLElement(name: "actions", namespace: namespace)
            actions.setAttribute("execute", to: executeAction?.rawValue)
            for action in allowedActions { actions.append(XMLElement(name: action.rawValue, namespace: namespace)) }
            command.append(actions)
        }
        for note in notes {
            let type = XMLAttribute(name: "type", value: note.kind.rawValue)
            command.append(XMLElement(name: "note", namespace: namespace, attributes: [type], text: note.text))
        }
        if let form { command.append(form.element) }
        return command
    }

    /// `http://jabber.org/protocol/commands`: the namespace, the disco feature and the node listing the commands.
    public static let namespace = "http://jabber.org/protocol/commands"
}
