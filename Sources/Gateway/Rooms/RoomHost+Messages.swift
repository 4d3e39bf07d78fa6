import DeliveryService
import Foundation
import MLS
import Metrics
import XMPP

/// The path of one group message:
///
/// ```text
/// parse (RoomStanza) ─▶ guard (sequencer pre-check, policy, followed state) ─▶ sequence (one transaction)
///                    ─▶ fan-out (reflection, Welcomes, membership announcements, idle eviction)
/// ```
extension RoomHost {
    /// Handles a message to `room@domain`: an occupant's groupchat `<mls/>` goes to the sequencer; accepted, it
    /// is reflected to every occupant and its Welcome delivered; refused, its sender gets an error message.
    func handleMessage(_ message: Message) async {
        guard let from = message.from, let to = message.to else { return }
        let room = to.bare
        if message.type == .error {
            // A message the room sent bounced: the occupant's session is gone: it is removed
            // with status 333 (XEP-0045 "Service removes user because of error response").
            remove(jid: from, room: room, status: 333)
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
        let started = ContinuousClock.now
        let stanza: RoomStanza
        do throws(RoomStanza.Refusal) {
            stanza = try RoomStanza(message, sequencer: sequencer)
        } catch {
            Self.recordSequencerLatency(since: started)
            if error.contentType == .commit { Self.countCommit(rejectedWith: error.error) }
            throw error.error
        }
        let isCommit = stanza.contentType == .commit
        let accepted: AcceptedMessage
        let verdict: RoomGuard.Verdict
        do throws(StanzaError) {
            verdict = try await check(stanza, sender: sender, room: room)
            accepted = try sequence(stanza, verdict: verdict, sender: sender, room: room)
        } catch {
            Self.recordSequencerLatency(since: started)
            if isCommit { Self.countCommit(rejectedWith: error) }
            throw error
        }
        Self.recordSequencerLatency(since: started)
        if isCommit { Self.countCommit(rejectedWith: nil) }
        fanOut(stanza, accepted: accepted, from: sender, room: room)
        if let commit = verdict.commit {
            announce(commit, room: room, stanzaID: accepted.stanzaID)
            await evictIdleMembers(room: room)
        }
    }

    /// The checks before the sequencer: what the sequencer refuses anyway is reported before the guard's
    /// reasons; an application message meets no guard, so it goes straight to the sequencer. The guard may
    /// suspend, and a handshake accepted meanwhile changes the state it checked against: it runs again then.
    private func check(_ stanza: RoomStanza, sender: RoomOccupant, room: JID) async throws(StanzaError)
        -> RoomGuard.Verdict
    {
        if stanza.contentType != .application {
            do throws(SequencerError) {
                try sequencer.precheck(room: room, submission: stanza.submission)
            } catch {
                throw refusal(error, room: room)
            }
        }
        for _ in 0..<3 {
            let version = followed[room]?.version ?? 0
            let verdict = try await checkHandshake(stanza, sender: sender.jid.bare, room: room)
            guard version == followed[room]?.version ?? 0 else { continue }
            // The check may have suspended while the room was destroyed or the sender removed.
            guard rosters[room]?.occupant(jid: sender.jid) != nil else {
                throw StanzaError(RoomError(.senderGone, "the sender is no longer an occupant of \(room)"))
            }
            if let commit = verdict.commit, let state = verdict.state, let welcome = stanza.submission.welcome {
                try Self.checkWelcome(welcome.body, matches: commit, provider: state.provider)
            }
            return verdict
        }
        throw StanzaError(RoomError(.changedWhileChecked, "the room changed while this message was checked; send it again"))
    }

    /// The sequencer's one transaction, saving the followed state the guard produced with the message.
    private func sequence(_ stanza: RoomStanza, verdict: RoomGuard.Verdict, sender: RoomOccupant, room: JID)
        throws(StanzaError) -> AcceptedMessage
    {
        let accepted: AcceptedMessage
        do throws(SequencerError) {
            accepted = try sequencer.submit(
                room: room, sender: sender.roomJID, submission: stanza.submission,
                welcomeOverride: stanza.welcomeOverride, now: now(), publicState: verdict.state?.serializedState())
        } catch {
            throw refusal(error, room: room)
        }
        if let state = verdict.state {
            followed[room, default: FollowedGroup()].install(state)
        }
        return accepted
    }

    /// The stanza error for a refusal of the sequencer. A database failure is logged with its cause, which the
    /// sender's error (`the database failed`) leaves out; nothing was stored then.
    private func refusal(_ error: SequencerError, room: JID) -> StanzaError {
        if error.code == .storage {
            logger.error("cannot accept a room message", metadata: ["room": "\(room)", "error": "\(error)"])
        }
        return StanzaError(error)
    }

    /// Reflects an accepted message to every occupant, sender included, and delivers its Welcome: the bytes
    /// that were checked, encoded anew, never the text as the sender wrote it.
    private func fanOut(_ stanza: RoomStanza, accepted: AcceptedMessage, from sender: RoomOccupant, room: JID) {
        let stamp = stanzaID(accepted.stanzaID, room: room)
        let mls = XMLElement(name: "mls", namespace: MLSNamespace.mls, text: Base64Field.encode(stanza.submission.payload))
        for occupant in rosters[room]?.occupants ?? [] {
            send(Message(
                type: .groupchat, id: stanza.id, from: sender.roomJID, to: occupant.jid, payload: [mls, stamp]
            ).element)
        }
        guard let welcome = stanza.submission.welcome else { return }
        let element = XMLElement(name: "welcome", namespace: MLSNamespace.mls, text: Base64Field.encode(welcome.bytes))
        for recipient in accepted.welcomeRecipients {
            send(Message(from: room, to: recipient, payload: [element, stamp]).element)
        }
    }

    /// Records the time the checks and the sequencer took for one submission in
    /// `mlsgate_sequencer_duration_seconds`.
    private static func recordSequencerLatency(since started: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - started).components
        let nanoseconds = elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
        Metrics.Timer(label: "mlsgate_sequencer_duration_seconds").recordNanoseconds(nanoseconds)
    }

    /// Counts a commit in `mlsgate_commits_total`, accepted (no error) or rejected with the error's
    /// application condition as its reason.
    private static func countCommit(rejectedWith error: StanzaError?) {
        guard let error else {
            Counter(label: "mlsgate_commits_total", dimensions: [("result", "accepted"), ("reason", "")]).increment()
            return
        }
        let reason = error.applicationCondition?.name ?? error.condition.rawValue
        Counter(label: "mlsgate_commits_total", dimensions: [("result", "rejected"), ("reason", reason)]).increment()
    }

    /// In a room that follows its group, a Welcome may only name KeyPackages its commit adds: a Welcome to
    /// another group, riding on an accepted commit, would otherwise reach whoever it names.
    static func checkWelcome(_ welcome: Welcome, matches commit: PublicCommit, provider: any CipherSuiteProvider)
        throws(StanzaError)
    {
        let added = Set(commit.proposals.compactMap { item -> [UInt8]? in
            guard case .add(let keyPackage) = item.proposal else { return nil }
            return provider.keyPackageRef(encodedKeyPackage: keyPackage.tlsEncoded)
        })
        for secret in welcome.secrets where !added.contains(secret.newMember) {
            throw StanzaError(RoomError(.invalidHandshake, "the Welcome names a KeyPackage that its commit does not add"))
        }
    }
}
