import Foundation
import Gateway
import MLS
import Testing
import XMPP

@Suite struct EnvelopeGuardTests {
    typealias H = GatewayHarness

    /// Alice and Bob in one group; Bob receives what Alice encrypts.
    struct Pair {
        var alice: Group
        var bob: Group

        init() async throws {
            var alice = try H.client("alice@example.org").createGroup()
            let bob = try H.client("bob@example.org")
            let package = try bob.makeKeyPackage()
            let add = try await alice.commit(alice.commitBuilder().adding(package.keyPackage))
            _ = try alice.mergePendingCommit()
            self.alice = alice
            self.bob = try await bob.join(try #require(add.welcome), keyPackage: package)
        }

        /// Alice sends `data`; returns it as Bob's group decrypted it.
        mutating func deliver(_ data: [UInt8]) async throws -> ApplicationMessage {
            guard case .application(let message) = try await bob.process(try alice.encrypt(data)) else {
                throw EnvelopeGuardTestError.notApplication
            }
            return message
        }

        /// Alice commits an update; both move to the next epoch.
        mutating func nextEpoch() async throws {
            let update = try await alice.commit(alice.commitBuilder().withPath())
            _ = try alice.mergePendingCommit()
            _ = try await bob.process(update.commit)
        }
    }

    static func envelope(_ text: String, from: String?, rpad: String = "pad") throws -> [UInt8] {
        SCEEnvelope(
            body: text,
            from: try from.map { try JID($0) },
            date: Date(timeIntervalSince1970: 1_800_000_000),
            rpad: rpad
        ).serialized()
    }

    func admit(_ guardian: inout EnvelopeGuard, _ message: ApplicationMessage, _ pair: Pair) -> EnvelopeVerdict {
        guardian.admit(message, currentEpoch: pair.bob.epoch, pastEpochs: pair.bob.configuration.pastEpochs)
    }

    @Test func anEnvelopeFromItsSenderIsAcceptedWithTheCredentialJID() async throws {
        var pair = try await Pair()
        var guardian = EnvelopeGuard()
        let message = try await pair.deliver(try Self.envelope("hi", from: "alice@example.org/phone"))
        guard case .accepted(let envelope, let sender) = admit(&guardian, message, pair) else {
            Issue.record("refused")
            return
        }
        #expect(envelope.body == "hi")
        #expect(sender == (try JID("alice@example.org")))
    }

    @Test("VAL-ENVELOPE-06: an envelope addressed to another room is refused")
    func anEnvelopeAddressedToAnotherRoomIsRefused() async throws {
        var pair = try await Pair()
        var guardian = EnvelopeGuard()
        let room = try JID("room@mls.example.org")
        func addressed(_ to: String?) throws -> [UInt8] {
            SCEEnvelope(
                content: [XMLElement(name: "body", namespace: SCEEnvelope.clientNamespace, text: "hi")], rpad: "x",
                from: try JID("alice@example.org"), time: "2026-11-27T07:00:00Z", to: try to.map { try JID($0) }
            ).serialized()
        }
        let elsewhere = try await pair.deliver(try addressed("other@mls.example.org"))
        guard case .refused(.wrongRecipient) = guardian.admit(elsewhere, currentEpoch: pair.bob.epoch, pastEpochs: 2, room: room)
        else {
            Issue.record("an envelope for another room was admitted")
            return
        }
        let here = try await pair.deliver(try addressed("room@mls.example.org"))
        guard case .accepted(let envelope, _) = guardian.admit(here, currentEpoch: pair.bob.epoch, pastEpochs: 2, room: room)
        else {
            Issue.record("an envelope for this room was refused")
            return
        }
        #expect(envelope.to == room)
        let unaddressed = try await pair.deliver(try addressed(nil))
        guard case .accepted = guardian.admit(unaddressed, currentEpoch: pair.bob.epoch, pastEpochs: 2, room: room) else {
            Issue.record("an envelope without a to affix was refused")
            return
        }
    }

    @Test("VAL-ENVELOPE-04: an envelope naming another sender is an impersonation")
    func anEnvelopeNamingAnotherSenderIsAnImpersonation() async throws {
        var pair = try await Pair()
        var guardian = EnvelopeGuard()
        let forged = try await pair.deliver(try Self.envelope("hi", from: "carol@example.org"))
        guard case .refused(.senderMismatch) = admit(&guardian, forged, pair) else {
            Issue.record("accepted an envelope naming carol from alice")
            return
        }
        // Refused messages change nothing: the same bytes from their real sender's envelope still pass.
        let genuine = try await pair.deliver(try Self.envelope("hi", from: "alice@example.org"))
        guard case .accepted = admit(&guardian, genuine, pair) else {
            Issue.record("refused")
            return
        }
    }

    @Test("VAL-ENVELOPE-01, VAL-ENVELOPE-03: bytes that are not an envelope, or one without from, are refused")
    func anEnvelopeWithoutFromOrNotAnEnvelopeIsRefused() async throws {
        var pair = try await Pair()
        var guardian = EnvelopeGuard()
        let anonymous = try await pair.deliver(try Self.envelope("hi", from: nil))
        guard case .refused(.missingSender) = admit(&guardian, anonymous, pair) else {
            Issue.record("accepted an envelope without from")
            return
        }
        let text = try await pair.deliver(Array("hi".utf8))
        guard case .refused(.notAnEnvelope) = admit(&guardian, text, pair) else {
            Issue.record("accepted bytes that are not an envelope")
            return
        }
    }

    @Test("VAL-ENVELOPE-02: a sender whose credential names no JID cannot be matched")
    func aCredentialThatIsNotAJIDIsRefused() async throws {
        var alice = try H.client("not a jid@@").createGroup()
        let bob = try H.client("bob@example.org")
        let package = try bob.makeKeyPackage()
        let add = try await alice.commit(alice.commitBuilder().adding(package.keyPackage))
        _ = try alice.mergePendingCommit()
        var bobGroup = try await bob.join(try #require(add.welcome), keyPackage: package)
        let data = try Self.envelope("hi", from: "alice@example.org")
        guard case .application(let message) = try await bobGroup.process(try alice.encrypt(data)) else {
            Issue.record("not an application message")
            return
        }
        var guardian = EnvelopeGuard()
        guard case .refused(.senderNotAJID) = guardian.admit(message, currentEpoch: bobGroup.epoch, pastEpochs: 2)
        else {
            Issue.record("accepted a sender without a JID")
            return
        }
    }

    @Test("VAL-ENVELOPE-05: the same envelope from the same sender in an epoch is a replay")
    func theSameEnvelopeFromTheSameSenderInAnEpochIsAReplay() async throws {
        var pair = try await Pair()
        var guardian = EnvelopeGuard()
        let data = try Self.envelope("transfer 100", from: "alice@example.org")
        let first = try await pair.deliver(data)
        // A copy re-encrypted under a fresh generation decrypts to the same sender and bytes.
        let copy = try await pair.deliver(data)
        #expect(first.sender == copy.sender && first.data == copy.data && first.epoch == copy.epoch)
        guard case .accepted = admit(&guardian, first, pair) else {
            Issue.record("refused the original")
            return
        }
        guard case .refused(.replayed) = admit(&guardian, copy, pair) else {
            Issue.record("accepted a replay")
            return
        }
        // Another envelope (another rpad) with the same text is a new message.
        let again = try await pair.deliver(try Self.envelope("transfer 100", from: "alice@example.org", rpad: "x"))
        guard case .accepted = admit(&guardian, again, pair) else {
            Issue.record("refused a fresh envelope")
            return
        }
    }

    @Test func windowsOfEpochsTheGroupNoLongerReadsAreForgotten() async throws {
        var pair = try await Pair()
        var guardian = EnvelopeGuard()
        let data = try Self.envelope("hello", from: "alice@example.org")
        let old = try await pair.deliver(data)
        guard case .accepted = admit(&guardian, old, pair) else {
            Issue.record("refused")
            return
        }
        // Still within the epochs the group reads: remembered.
        try await pair.nextEpoch()
        guard case .refused(.replayed) = admit(&guardian, old, pair) else {
            Issue.record("forgot a readable epoch")
            return
        }
        // Past them: the window is gone (the group could not decrypt such a message any more).
        for _ in 0..<pair.bob.configuration.pastEpochs {
            try await pair.nextEpoch()
        }
        guard case .accepted = admit(&guardian, old, pair) else {
            Issue.record("kept a window past the readable epochs")
            return
        }
        // The same envelope sent again in the new epoch is a new message there.
        let fresh = try await pair.deliver(data)
        guard case .accepted = admit(&guardian, fresh, pair) else {
            Issue.record("refused a message of a new epoch")
            return
        }
    }

    @Test func aFullWindowForgetsItsOldestEnvelope() async throws {
        var pair = try await Pair()
        var guardian = EnvelopeGuard(capacity: 2)
        var messages: [ApplicationMessage] = []
        for text in ["one", "two", "three"] {
            messages.append(try await pair.deliver(try Self.envelope(text, from: "alice@example.org")))
        }
        for message in messages {
            guard case .accepted = admit(&guardian, message, pair) else {
                Issue.record("refused")
                return
            }
        }
        guard case .refused(.replayed) = admit(&guardian, messages[2], pair) else {
            Issue.record("forgot the newest")
            return
        }
        guard case .accepted = admit(&guardian, messages[0], pair) else {
            Issue.record("kept more than the capacity")
            return
        }
    }
}

enum EnvelopeGuardTestError: Error {
    case notApplication
}
