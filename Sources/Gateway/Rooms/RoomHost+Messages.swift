import DeliveryService
import Foundation
import MLS
import Metrics
import XMPP

extension RoomHost {
    /// Handles a message to `room@domain`: an occupant's groupchat `<mls/>` goes to the sequencer; accepted, it
    /// is reflected to every occupant and its Welcome delivered; refused, its sender gets an error message.
    func handleMessage(_ message: Message) async {
        guard let from = message.from, let to = message.to else { return }
        let room = to.bare
        if message.type == .error {
            // A reflected message bounced: the occupant is gone (XEP-0045 §9.10 would kick it too).
            leave(from: from, room: room)
            return
        }
        do throws(StanzaError) {
            try await accept(message, from: from, room: room)
        } catch {
            if let reply = message.errorReply(error) { send(reply) }
        }
    }

    private func accept(_ message: Message, from: JID, room: JID) async throws(StanzaError) {
        guard let sender = rosters[room]?.occupant(jid: from) else {
            throw StanzaError(.notAcceptable, text: "only occupants may send to the room; join it first")
        }
        guard message.type == .groupchat else {
            throw StanzaError(.badRequest, text: "messages to a room must be of type groupchat")
        }
        func child(_ name: String) -> XMLElement? {
            message.payload.first { $0.name == name && $0.namespace == MLSNamespace.mls }
        }
        guard let mls = child("mls") else {
            throw StanzaError(
                .notAcceptable,
                text: "this room carries only MLS messages, in <mls xmlns='urn:xmpp:mls:0'/>"
            )
        }
        let payload = try Base64Field.decode(mls, what: "an MLSMessage")
        let welcomeElement = child("welcome")
        let welcome = try welcomeElement.map { element throws(StanzaError) in
            try Base64Field.decode(element, what: "a Welcome MLSMessage")
        }
        let groupInfo = try child("group-info").map { element throws(StanzaError) in
            try Base64Field.decode(element, what: "a GroupInfo MLSMessage")
        }
        var welcomeOverride: JID?
        if let text = welcomeElement?.attribute("to") {
            do {
                welcomeOverride = try JID(text)
            } catch {
                throw StanzaError(.jidMalformed, text: "<welcome to='\(text)'/> is not a JID")
            }
        }
        let accepted: AcceptedMessage
        let header = try? MessageHeader(parsing: payload)
        let isCommit = header?.contentType == .commit
        let started = ContinuousClock.now
        var verdict = RoomGuard.Verdict()
        do throws(SequencerError) {
            // The guard may suspend; a handshake accepted meanwhile changes the state it checked against.
            // What the sequencer refuses anyway is reported before the guard's reasons; an application message
            // meets no guard, so it goes straight to the sequencer.
            if header?.contentType != .application {
                try sequencer.precheck(room: room, payload: payload)
            }
            var attempts = 0
            while true {
                let version = stateVersions[room, default: 0]
                verdict = try await checkHandshake(
                    payload, sender: sender.jid.bare, room: room, ratchetTree: child("ratchet-tree"),
                    groupInfo: groupInfo)
                if version == stateVersions[room, default: 0] { break }
                attempts += 1
                guard attempts < 3 else {
                    throw SequencerError(.staleEpoch, "the room changed while this message was checked; send it again")
                }
            }
            // The check may have suspended while the room was destroyed or the sender removed.
            guard rosters[room]?.occupant(jid: from) != nil else {
                throw SequencerError(.unknownRoom, "the sender is no longer an occupant of \(room)")
            }
            if let commit = verdict.commit, let state = verdict.state, let welcome {
                try Self.checkWelcome(welcome, matches: commit, provider: state.provider)
            }
            accepted = try sequencer.submit(
                room: room,
                sender: sender.roomJID,
                payload: payload,
                welcome: welcome,
                groupInfo: groupInfo,
                welcomeOverride: welcomeOverride,
                now: now(),
                publicState: verdict.state?.serializedState()
            )
        } catch {
            Self.recordSequencerLatency(since: started)
            if isCommit {
                Counter(
                    label: "mlsgate_commits_total",
                    dimensions: [("result", "rejected"), ("reason", error.code.description)]
                ).increment()
            }
            throw StanzaError(error)
        }
        if let state = verdict.state {
            followed[room] = state
            stateVersions[room, default: 0] += 1
        }
        Self.recordSequencerLatency(since: started)
        if isCommit {
            Counter(label: "mlsgate_commits_total", dimensions: [("result", "accepted"), ("reason", "")]).increment()
        }
        for occupant in rosters[room]?.occupants ?? [] {
            var reflected = stanza("message", from: sender.roomJID, to: occupant.jid, type: "groupchat", id: message.id)
            reflected.append(mls)
            reflected.append(stanzaID(accepted.stanzaID, room: room))
            send(reflected)
        }
        if let welcome {
            for recipient in accepted.welcomeRecipients {
                var delivery = stanza("message", from: room, to: recipient)
                delivery.append(
                    XMLElement(name: "welcome", namespace: MLSNamespace.mls, text: Base64Field.encode(welcome))
                )
                delivery.append(stanzaID(accepted.stanzaID, room: room))
                send(delivery)
            }
        }
        if let commit = verdict.commit {
            announce(commit, room: room, stanzaID: accepted.stanzaID)
            await evictIdleMembers(room: room)
        }
    }

    /// Records the time the sequencer took for one submission in `mlsgate_sequencer_duration_seconds`.
    private static func recordSequencerLatency(since started: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - started).components
        let nanoseconds = elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
        Metrics.Timer(label: "mlsgate_sequencer_duration_seconds").recordNanoseconds(nanoseconds)
    }

    /// In a room that follows its group, a Welcome may only name KeyPackages its commit adds: a Welcome to
    /// another group, riding on an accepted commit, would otherwise reach whoever it names.
    static func checkWelcome(_ bytes: [UInt8], matches commit: PublicCommit, provider: any CipherSuiteProvider)
        throws(SequencerError)
    {
        guard case .welcome(let welcome)? = (try? MLSMessage(tlsEncoded: bytes))?.body else { return }  // the sequencer names it
        let added = Set(commit.proposals.compactMap { item -> [UInt8]? in
            guard case .add(let keyPackage) = item.proposal else { return nil }
            return provider.keyPackageRef(encodedKeyPackage: keyPackage.tlsEncoded)
        })
        for secret in welcome.secrets where !added.contains(secret.newMember) {
            throw SequencerError(.invalidHandshake, "the Welcome names a KeyPackage that its commit does not add")
        }
    }
}
