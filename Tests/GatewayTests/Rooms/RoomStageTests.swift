import DeliveryService
import Foundation
@testable import Gateway
import MLS
import Testing
import XMPP

/// The stages of the room pipeline, each alone: parse (RoomStanza) and guard (RoomGuard).
@Suite struct RoomStageTests {
    typealias H = GatewayHarness

    func message(_ children: [XMLElement], type: Message.Kind = .groupchat) throws -> Message {
        Message(type: type, id: "m", from: try JID("alice@example.org/phone"), to: try JID("room@mls.example.org"),
                payload: children)
    }

    func mls(_ name: String, _ bytes: [UInt8]) -> XMLElement {
        XMLElement(name: name, namespace: MLSNamespace.mls, text: Base64Field.encode(bytes))
    }

    @Test func parsingDecodesThePayloadAndItsAttachmentsOnce() async throws {
        var alice = try H.client("alice@example.org").createGroup()
        let bob = try H.client("bob@example.org").makeKeyPackage()
        let add = try await alice.commit(alice.commitBuilder().adding(bob.keyPackage))
        let welcomeMessage = try #require(add.welcome)
        guard case .welcome(let welcome) = welcomeMessage.body else {
            Issue.record("not a Welcome")
            return
        }
        let sequencer = RoomSequencer(store: try DeliveryStore.inMemory())
        let stanza = try RoomStanza(
            try message([mls("mls", add.commit.tlsEncoded), mls("welcome", welcomeMessage.tlsEncoded)]),
            sequencer: sequencer)
        #expect(stanza.contentType == .commit)
        #expect(stanza.submission.header.epoch == 0)
        #expect(stanza.submission.welcome?.body == welcome)
        #expect(stanza.submission.payload == add.commit.tlsEncoded)
        #expect(stanza.bootstrap.ratchetTree == nil && stanza.welcomeOverride == nil)
    }

    @Test func parsingRefusesWhatTheProtocolDoesNotAllow() throws {
        let sequencer = RoomSequencer(store: try DeliveryStore.inMemory())
        let commit = H.privateMessage(group: [1], epoch: 0, type: .commit)
        let application = H.privateMessage(group: [1], epoch: 0)
        let cases: [(Message, String, ContentType?)] = [
            (try message([mls("mls", commit)], type: .chat), "bad-request", nil),
            (try message([]), "not-acceptable", nil),
            (try message([mls("mls", [0xFF])]), "malformed-message", nil),
            (try message([mls("mls", application), mls("group-info", commit)]), "attachment-without-commit", .application),
            (try message([mls("mls", commit), mls("welcome", commit)]), "malformed-welcome", .commit),
            (try message([mls("mls", commit), mls("ratchet-tree", [0xFF])]), "invalid-handshake", .commit),
        ]
        for (input, expected, contentType) in cases {
            #expect {
                _ = try RoomStanza(input, sequencer: sequencer)
            } throws: { error in
                guard let refusal = error as? RoomStanza.Refusal else { return false }
                return (refusal.error.applicationCondition?.name ?? refusal.error.condition.rawValue) == expected
                    && refusal.contentType == contentType
            }
        }
    }

    @Test func theGuardRefusesAPrivateHandshakeWhereThePolicyWantsPublicOnes() async throws {
        let roomGuard = RoomGuard(crypto: DefaultCryptoProvider(), services: GroupServices())
        let commit = try MLSMessage(tlsEncoded: H.privateMessage(group: [1], epoch: 0, type: .commit))
        let context = RoomGuard.Context(
            sender: try JID("alice@example.org"), settings: RoomSettings(policy: RoomPolicy(), owners: []))
        await #expect(throws: RoomError(.policyViolation, "")) {
            _ = try await roomGuard.check(commit, context: context, state: nil, bootstrap: RoomGuard.Bootstrap())
        }
        var relaxed = context
        relaxed.settings.policy.handshakes = .privateAllowed
        let verdict = try await roomGuard.check(commit, context: relaxed, state: nil, bootstrap: RoomGuard.Bootstrap())
        #expect(verdict.state == nil && verdict.commit == nil)
    }
}
