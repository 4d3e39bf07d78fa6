import DeliveryService
import Foundation
import Logging
import MLS
import Metrics
import XMPP

/// The KeyPackage directory's XMPP face: `publish`, `fetch` and `count` IQs in `urn:xmpp:mls:keypackages:0` on
/// the component JID, and the low-stock notice to an owner.
///
/// ```text
/// <iq type='set'><publish><key-package [last-resort='true']>B64</key-package>…</publish></iq>
///     ─▶ <published available='N'/>
/// <iq type='get'><fetch jid='bob@example.org' cipher-suite='1'/></iq>
///     ─▶ <key-packages jid='bob@example.org'><key-package>B64</key-package>…</key-packages>
/// <iq type='get'><count/></iq> ─▶ <count available='N' last-resort='true|false'/>
/// <message to='owner'><low-keypackages available='N'/></message>   after a fetch crosses the low mark
/// ```
///
/// The publisher and the requester are the bare JID of the IQ's `from`. Every change is committed by the
/// directory before the reply or the notice is sent.
public struct KeyPackageHandler: Sendable {
    private let directory: KeyPackageDirectory
    private let domain: JID
    private let send: StanzaSink
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// - Parameters:
    ///   - directory: The directory.
    ///   - domain: The component domain, which sends the low-stock notice.
    ///   - send: Where the low-stock notice goes.
    ///   - now: The clock; the system clock unless a test supplies another.
    ///   - logger: Where database failures are logged with their cause.
    public init(
        directory: KeyPackageDirectory,
        domain: JID,
        send: @escaping StanzaSink,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "mlsgate.directory")
    ) {
        self.directory = directory
        self.domain = domain
        self.send = send
        self.now = now
        self.logger = logger
    }

    /// Registers the get and set handlers of `urn:xmpp:mls:keypackages:0`.
    /// - Parameter router: The router, before it is shared.
    public func register(on router: inout StanzaRouter) {
        router.onIQ(namespace: MLSNamespace.keyPackages, type: .set) { iq in try self.handleSet(iq) }
        router.onIQ(namespace: MLSNamespace.keyPackages, type: .get) { iq in try self.handleGet(iq) }
    }

    func handleSet(_ iq: IQ) throws(StanzaError) -> XMLElement {
        let (payload, sender) = try check(iq)
        guard payload.name == "publish" else {
            throw StanzaError(.featureNotImplemented, text: "no set of <\(payload.name)/> in this namespace")
        }
        let elements = payload.elements.filter { $0.name == "key-package" && $0.namespace == MLSNamespace.keyPackages }
        guard !elements.isEmpty else {
            throw StanzaError(.badRequest, text: "<publish/> carries no <key-package/>")
        }
        var uploads: [KeyPackageUpload] = []
        for element in elements {
            let bytes = try Base64Field.decode(element, what: "a KeyPackage MLSMessage")
            let lastResort = ["true", "1"].contains(element.attribute("last-resort") ?? "false")
            uploads.append(KeyPackageUpload(bytes: bytes, lastResort: lastResort))
        }
        let available: Int
        do {
            available = try directory.publish(uploads, publisher: sender, now: now())
        } catch {
            throw refusal(error)
        }
        Counter(label: "mlsgate_keypackages_published_total").increment(by: uploads.count)
        return XMLElement(
            name: "published",
            namespace: MLSNamespace.keyPackages,
            attributes: [XMLAttribute(name: "available", value: String(available))]
        )
    }

    func handleGet(_ iq: IQ) throws(StanzaError) -> XMLElement {
        let (payload, sender) = try check(iq)
        switch payload.name {
        case "fetch": return try fetch(payload, requester: sender)
        case "count": return try count(owner: sender)
        default:
            throw StanzaError(.featureNotImplemented, text: "no get of <\(payload.name)/> in this namespace")
        }
    }

    private func fetch(_ payload: XMLElement, requester: JID) throws(StanzaError) -> XMLElement {
        guard let jidText = payload.attribute("jid") else {
            throw StanzaError(.badRequest, text: "<fetch/> needs a 'jid' attribute")
        }
        let target: JID
        do {
            target = try JID(jidText).bare
        } catch {
            throw StanzaError(.jidMalformed, text: "'\(jidText)' is not a JID")
        }
        guard let suiteText = payload.attribute("cipher-suite"), let suite = UInt16(suiteText) else {
            throw StanzaError(.badRequest, text: "<fetch/> needs a 'cipher-suite' attribute, a number such as 1")
        }
        let result: FetchResult
        do {
            result = try directory.fetch(
                target: target,
                cipherSuite: CipherSuite(rawValue: suite),
                requester: requester,
                now: now()
            )
        } catch {
            throw refusal(error)
        }
        Counter(label: "mlsgate_keypackages_served_total").increment()
        if let stock = result.lowStock {
            let low = XMLElement(
                name: "low-keypackages",
                namespace: MLSNamespace.keyPackages,
                attributes: [XMLAttribute(name: "available", value: String(stock.available))]
            )
            send(Message(from: domain, to: target, payload: [low]).element)
        }
        var reply = XMLElement(
            name: "key-packages",
            namespace: MLSNamespace.keyPackages,
            attributes: [XMLAttribute(name: "jid", value: target.description)]
        )
        for keyPackage in result.keyPackages {
            reply.append(
                XMLElement(
                    name: "key-package",
                    namespace: MLSNamespace.keyPackages,
                    text: Base64Field.encode(keyPackage)
                )
            )
        }
        return reply
    }

    private func count(owner: JID) throws(StanzaError) -> XMLElement {
        let stock: KeyPackageStock
        do {
            stock = try directory.count(owner: owner, now: now())
        } catch {
            throw refusal(error)
        }
        return XMLElement(
            name: "count",
            namespace: MLSNamespace.keyPackages,
            attributes: [
                XMLAttribute(name: "available", value: String(stock.available)),
                XMLAttribute(name: "last-resort", value: stock.hasLastResort ? "true" : "false"),
            ]
        )
    }

    /// The payload and the sender's bare JID of a directory request, which must be for the component domain.
    private func check(_ iq: IQ) throws(StanzaError) -> (XMLElement, JID) {
        guard StanzaTarget.classify(iq.to, domain: domain) == .domain else {
            throw StanzaError(.serviceUnavailable, text: "the KeyPackage directory is on \(domain)")
        }
        guard let payload = iq.payload, let from = iq.from else {
            throw StanzaError(.badRequest, text: "the request has no sender")
        }
        return (payload, from.bare)
    }

    /// The stanza error for a refusal of the directory. A database failure is logged with its cause, which the
    /// requester's error (`the database failed`) leaves out; nothing changed then.
    private func refusal(_ error: DirectoryError) -> StanzaError {
        if error.code == .storage {
            logger.error("cannot answer a KeyPackage request", metadata: ["error": "\(error)"])
        }
        return StanzaError(error)
    }
}
