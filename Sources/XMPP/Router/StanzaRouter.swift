import Logging

/// Routes the stanzas the component receives to handlers, and answers what no handler takes.
///
/// ```text
/// element ─▶ diversion, if one is set and takes it ─▶ no reply
///    │
/// element ─▶ iq ──────── get/set ─▶ handler for (payload namespace, type) ─▶ result or error reply
///    │                   result/error ─▶ never answered
///    ├──────▶ message ─▶ handler for the target (domain, room, occupant) ─▶ or service-unavailable
///    └──────▶ presence ─▶ handler for the target ─▶ or ignored
/// ```
///
/// Built in, for the component domain: XEP-0030 disco#info (identities, and features built from the registered
/// IQ namespaces) and disco#items, for the domain and for the nodes registered with ``onDiscoNode(_:_:)``,
/// XEP-0199 ping and XEP-0092 software version. A get or set that no handler takes
/// gets `service-unavailable` (RFC 6120 §8.4); a stanza that does not parse gets `bad-request` or `jid-malformed`;
/// stanzas of type error or result are never answered (§8.3.1). Register handlers before the router is shared;
/// a registered handler for a built-in namespace replaces the built-in one.
public struct StanzaRouter: Sendable {
    /// Handles an IQ get or set; returns the result's payload, or throws a ``StanzaError`` for an error reply.
    /// Any other error is answered with `internal-server-error`.
    public typealias IQHandler = @Sendable (IQ) async throws -> XMLElement?
    /// Handles a message.
    public typealias MessageHandler = @Sendable (Message) async -> Void
    /// Handles a presence.
    public typealias PresenceHandler = @Sendable (Presence) async -> Void
    /// Takes a stanza before any handler sees it; returns whether it took it.
    public typealias Diversion = @Sendable (XMLElement) -> Bool

    private struct IQKey: Hashable {
        var namespace: String
        var type: IQ.Kind
        /// Nil: any address of the component.
        var target: StanzaTarget?
    }

    /// The component domain.
    public let domain: JID
    /// The identities disco#info reports.
    public var identities: [DiscoIdentity]
    /// What XEP-0092 reports.
    public var software: SoftwareVersion
    /// The items disco#items lists for the component domain.
    public var discoItems: @Sendable () async -> [XMLElement]

    private var iqHandlers: [IQKey: IQHandler] = [:]
    private var messageHandlers: [StanzaTarget: MessageHandler] = [:]
    private var presenceHandlers: [StanzaTarget: PresenceHandler] = [:]
    private var diversion: Diversion?
    private var discoNodes: [String: DiscoNode] = [:]
    private let logger: Logger

    private static let builtInNamespaces = [
        XMPPNamespace.discoInfo, XMPPNamespace.discoItems, XMPPNamespace.ping, XMPPNamespace.version,
    ]

    /// Makes a router with only the built-in handlers.
    /// - Parameters:
    ///   - domain: The component domain.
    ///   - identities: The disco#info identities; by default one `component/generic` named after `software`.
    ///   - software: What XEP-0092 reports.
    ///   - logger: The router's logger.
    public init(
        domain: JID,
        identities: [DiscoIdentity]? = nil,
        software: SoftwareVersion,
        logger: Logger
    ) {
        self.domain = domain
        self.identities = identities ?? [DiscoIdentity(category: "component", type: "generic", name: software.name)]
        self.software = software
        self.discoItems = { [] }
        self.logger = logger
    }

    /// Registers the handler for IQs of one type whose payload is in one namespace.
    /// - Parameters:
    ///   - namespace: The payload's namespace.
    ///   - type: ``IQ/Kind/get`` or ``IQ/Kind/set``.
    ///   - handler: The handler.
    public mutating func onIQ(namespace: String, type: IQ.Kind, _ handler: @escaping IQHandler) {
        iqHandlers[IQKey(namespace: namespace, type: type, target: nil)] = handler
    }

    /// Registers the handler of IQs of one payload namespace and type sent to one kind of address (rooms,
    /// for example); it takes precedence over a handler for any address and over the built-in answers.
    public mutating func onIQ(namespace: String, type: IQ.Kind, to target: StanzaTarget, _ handler: @escaping IQHandler) {
        iqHandlers[IQKey(namespace: namespace, type: type, target: target)] = handler
    }

    /// Registers the handler for messages to one kind of target.
    public mutating func onMessage(to target: StanzaTarget, _ handler: @escaping MessageHandler) {
        messageHandlers[target] = handler
    }

    /// Registers the handler for presences to one kind of target.
    public mutating func onPresence(to target: StanzaTarget, _ handler: @escaping PresenceHandler) {
        presenceHandlers[target] = handler
    }

    /// Lets another part of the process take stanzas before the handlers, such as those addressed to an account
    /// on the component domain that is not a room. A stanza the diversion takes gets no reply from the router.
    /// - Parameter diversion: Returns whether it took the stanza.
    public mutating func divert(_ diversion: @escaping Diversion) {
        self.diversion = diversion
    }

    /// Registers what disco#info and disco#items answer about one node of the component domain; queries about a
    /// node nobody registered get `item-not-found`.
    /// - Parameters:
    ///   - node: The node, such as `http://jabber.org/protocol/commands`.
    ///   - answer: The answers.
    public mutating func onDiscoNode(_ node: String, _ answer: DiscoNode) {
        discoNodes[node] = answer
    }

    /// The features disco#info reports: the built-in namespaces and those of registered IQ handlers, sorted.
    public var features: [String] {
        Set(Self.builtInNamespaces + iqHandlers.keys.filter { $0.target == nil || $0.target == .domain }.map(\.namespace))
            .sorted()
    }

    /// Routes one received stanza.
    /// - Parameter element: A top-level element from the server.
    /// - Returns: The replies to send, each with `from` set to the address the stanza was sent to.
    public func route(_ element: XMLElement) async -> [XMLElement] {
        if let diversion, diversion(element) { return [] }
        switch element.name {
        case "iq": return await routeIQ(element)
        case "message": return await routeMessage(element)
        case "presence": return await routePresence(element)
        default:
            logger.debug("ignoring unknown top-level element", metadata: ["element": "\(element.name)"])
            return []
        }
    }

    private func routeIQ(_ element: XMLElement) async -> [XMLElement] {
        let iq: IQ
        do throws(StanzaParseError) {
            iq = try IQ(element: element)
        } catch {
            return Self.refusal(element, error)
        }
        guard iq.type == .get || iq.type == .set else { return [] }
        guard let target = StanzaTarget.classify(iq.to, domain: domain), let payload = iq.payload,
            let namespace = payload.namespace
        else {
            return reply(iq, StanzaError(.serviceUnavailable))
        }
        if let handler = iqHandlers[IQKey(namespace: namespace, type: iq.type, target: target)]
            ?? iqHandlers[IQKey(namespace: namespace, type: iq.type, target: nil)]
        {
            do {
                return [iq.result(payload: try await handler(iq)).element]
            } catch let error as StanzaError {
                return reply(iq, error)
            } catch {
                logger.error("IQ handler failed", metadata: ["namespace": "\(namespace)", "error": "\(error)"])
                return reply(iq, StanzaError(.internalServerError))
            }
        }
        if target == .domain, iq.type == .get, let answer = await builtIn(iq, payload: payload) {
            return answer
        }
        return reply(iq, StanzaError(.serviceUnavailable))
    }

    private func builtIn(_ iq: IQ, payload: XMLElement) async -> [XMLElement]? {
        switch payload.namespace {
        case XMPPNamespace.discoInfo:
            if let node = payload.attribute("node") { return await discoNode(iq, node: node, items: false) }
            let info = DiscoInfo(identities: identities, features: features)
            return [iq.result(payload: info.element(node: nil)).element]
        case XMPPNamespace.discoItems:
            if let node = payload.attribute("node") { return await discoNode(iq, node: node, items: true) }
            var query = XMLElement(name: "query", namespace: XMPPNamespace.discoItems)
            for item in await discoItems() { query.append(item) }
            return [iq.result(payload: query).element]
        case XMPPNamespace.ping:
            return [iq.result().element]
        case XMPPNamespace.version:
            return [iq.result(payload: software.element).element]
        default:
            return nil
        }
    }

    /// The answer about a registered node, with the node echoed on the `<query/>` (XEP-0030 §3.2, §4.2).
    private func discoNode(_ iq: IQ, node: String, items: Bool) async -> [XMLElement] {
        guard let answer = discoNodes[node] else { return reply(iq, StanzaError(.itemNotFound)) }
        do {
            guard items else { return [iq.result(payload: try await answer.info(iq).element(node: node)).element] }
            var query = XMLElement(name: "query", namespace: XMPPNamespace.discoItems)
            query.setAttribute("node", to: node)
            for item in try await answer.items(iq) { query.append(item.element) }
            return [iq.result(payload: query).element]
        } catch let error as StanzaError {
            return reply(iq, error)
        } catch {
            logger.error("disco node handler failed", metadata: ["node": "\(node)", "error": "\(error)"])
            return reply(iq, StanzaError(.internalServerError))
        }
    }

    private func routeMessage(_ element: XMLElement) async -> [XMLElement] {
        await route(element, to: messageHandlers) { message in
            guard message.type != .error else { return [] }
            return message.errorReply(StanzaError(.serviceUnavailable)).map { [$0] } ?? []
        }
    }

    private func routePresence(_ element: XMLElement) async -> [XMLElement] {
        await route(element, to: presenceHandlers) { _ in [] }
    }

    /// Reads a message or a presence and hands it to the handler registered for its target.
    /// - Parameters:
    ///   - element: The stanza.
    ///   - handlers: The handlers of its kind, by target.
    ///   - unhandled: The answer to a valid stanza that no handler takes.
    /// - Returns: The refusal of an invalid stanza, nothing once a handler took it, or `unhandled`'s answer.
    private func route<Kind>(
        _ element: XMLElement, to handlers: [StanzaTarget: @Sendable (PayloadStanza<Kind>) async -> Void],
        unhandled: (PayloadStanza<Kind>) -> [XMLElement]
    ) async -> [XMLElement] {
        let stanza: PayloadStanza<Kind>
        do throws(StanzaParseError) {
            stanza = try PayloadStanza<Kind>(element: element)
        } catch {
            return Self.refusal(element, error)
        }
        if let target = StanzaTarget.classify(stanza.to, domain: domain), let handler = handlers[target] {
            await handler(stanza)
            return []
        }
        return unhandled(stanza)
    }

    private func reply(_ iq: IQ, _ error: StanzaError) -> [XMLElement] {
        iq.errorReply(error).map { [$0] } ?? []
    }

    /// The error reply to a stanza that did not parse, unless it claims to be an error or a result.
    private static func refusal(_ element: XMLElement, _ error: StanzaParseError) -> [XMLElement] {
        guard element.attribute("type") != "result" else { return [] }
        return StanzaError(error.stanzaErrorCondition, text: "\(error)").reply(to: element).map { [$0] } ?? []
    }
}
