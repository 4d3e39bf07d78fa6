import DeliveryService
import Foundation
import FuzzSupport
import Gateway
import Logging
import MLS
import XMPP

// The stanza router with every namespace handler behind it (the KeyPackage directory, the rooms, the admin
// commands) on a fresh in-memory store: the input is the content of a component stream, whose stanzas are routed
// in order, as the dispatcher routes them.
let domain = try JID("mls.example.org")
let header = Array(
    ("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' "
        + "from='mls.example.org' id='fuzz'>").utf8)
let logger = Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() })
let now: @Sendable () -> Date = { MLSFixture.now }

/// The gateway's router as `buildServices` wires it, without the network and the bots.
func makeRouter() throws -> StanzaRouter {
    let store = try DeliveryStore.inMemory()
    let send: StanzaSink = { _ in }
    var router = StanzaRouter(domain: domain, software: SoftwareVersion(name: "MLSGate", version: "fuzz"), logger: logger)
    KeyPackageHandler(directory: KeyPackageDirectory(store: store), domain: domain, send: send, now: now)
        .register(on: &router)
    let counter = Counter()
    let rooms = RoomHost(
        sequencer: RoomSequencer(store: store, makeStanzaID: { "id-\(counter.next())" }), domain: domain,
        configuration: RoomHostConfiguration(serviceAdmins: [try JID("admin@example.org")]),
        send: send, now: now, logger: logger)
    rooms.register(on: &router)
    AdminCommands(
        configuration: AdminConfiguration(admins: [try JID("admin@example.org")]), domain: domain, store: store,
        rooms: rooms, now: now, makeSessionID: { "session-\(counter.next())" }, logger: logger
    ).register(on: &router)
    return router
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// A KeyPackage published, then a room entered and bound to a group by a commit adding its owner, with the
/// Welcome, the GroupInfo and the ratchet tree, then an application message: real MLS objects for the fuzzer.
func roomSeed() throws -> [UInt8] {
    let fixture = try MLSFixture()
    let bundle = try fixture.bob.makeKeyPackage()
    let group = try fixture.alice.createGroup()
    let (output, message) = try blocking { () -> (CommitOutput, MLSMessage)? in
        var copy = group
        guard let output = try? await copy.commit(CommitBuilder().adding(bundle.keyPackage)),
            (try? copy.mergePendingCommit()) != nil, let message = try? copy.encrypt(Array("hi".utf8))
        else { return nil }
        return (output, message)
    }.unwrap()
    let base64 = { (bytes: [UInt8]) in Data(bytes).base64EncodedString() }
    let alice = "from='alice@example.org/phone' to='room@mls.example.org"
    var stanzas =
        "<iq type='set' id='p1' from='bob@example.org/tablet' to='mls.example.org'>"
        + "<publish xmlns='urn:xmpp:mls:keypackages:0'><key-package>\(base64(bundle.keyPackage.tlsEncoded))"
        + "</key-package></publish></iq>"
        + "<presence \(alice)/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>"
        + "<message type='groupchat' id='c1' \(alice)'><mls xmlns='urn:xmpp:mls:0'>\(base64(output.commit.tlsEncoded))</mls>"
    if let welcome = output.welcome {
        stanzas += "<welcome xmlns='urn:xmpp:mls:0'>\(base64(welcome.tlsEncoded))</welcome>"
    }
    stanzas += "<group-info xmlns='urn:xmpp:mls:0'>\(base64(output.groupInfo.tlsEncoded))</group-info>"
    if let tree = output.ratchetTree {
        stanzas += "<ratchet-tree xmlns='urn:xmpp:mls:0' cipher-suite='1'>\(base64(tree.tlsEncoded))</ratchet-tree>"
    }
    stanzas += "</message><message type='groupchat' id='a1' \(alice)'><mls xmlns='urn:xmpp:mls:0'>"
        + "\(base64(message.tlsEncoded))</mls></message>"
    return Array(stanzas.utf8)
}

Fuzzer.run(seeds: { [try roomSeed()] }) { input in
    let parser = XMLStreamParser()
    var events: [XMLStreamEvent] = []
    try? parser.parse(header + input, into: &events)
    let stanzas = events.compactMap { event -> XMLElement? in
        if case .element(let element) = event { return element }
        return nil
    }
    guard !stanzas.isEmpty else { return }
    guard let router = try? makeRouter() else { fatalError("cannot build the router") }
    _ = blocking {
        for stanza in stanzas {
            _ = await router.route(stanza)
        }
        return true
    }
}
