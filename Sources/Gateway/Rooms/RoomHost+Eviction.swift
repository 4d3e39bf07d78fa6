import DeliveryService
import Foundation
import MLS
import Metrics
import XMPP

extension RoomHost {
    /// MLSGate as an external sender (RFC 9420 §12.1.8.1) in groups of a suite: its saved signature key, and
    /// the `ExternalSender` a group lists in its `external_senders` extension so that MLSGate may propose the
    /// removal of idle members. Its basic credential names the component domain.
    func serviceSender(suite: CipherSuite) throws -> (sender: ExternalSender, privateKey: [UInt8], provider: any CipherSuiteProvider) {
        let provider = try roomGuard.crypto.provider(for: suite)
        let pair = try sequencer.serviceSigningKey(cipherSuite: suite.rawValue) {
            let made = try provider.generateSignatureKeyPair()
            return (made.privateKey, made.publicKey)
        }
        let sender = ExternalSender(signatureKey: pair.publicKey, credential: .basic(identity: Array(domain.description.utf8)))
        return (sender, pair.privateKey, provider)
    }

    /// RFC 9750 §8.4.2: in a room whose policy evicts idle members, proposes as an external sender the removal
    /// of each member whose leaf has had no new keys for the policy's number of epochs. The proposal is
    /// sequenced and reflected like a member's, from the room's JID; any member may commit it. Proposals last
    /// one epoch, so one is made again after each commit until the member updates or is removed.
    func evictIdleMembers(room: JID) async {
        guard let settings = try? settings(for: room), settings.policy.idleEvictionEpochs > 0,
            settings.policy.handshakes == .publicMessage, let start = followed[room]?.state
        else { return }
        let limit = settings.policy.idleEvictionEpochs
        let idle = start.keyEpochs.filter { start.epoch >= $0.value && start.epoch - $0.value >= limit }.map(\.key).sorted()
        guard !idle.isEmpty else { return }
        let identity: (sender: ExternalSender, privateKey: [UInt8], provider: any CipherSuiteProvider)
        let senders: [ExternalSender]
        do {
            identity = try serviceSender(suite: start.cipherSuite)
            senders = try ExternalSender.list(in: start.context.extensions)
        } catch {
            logger.error("cannot sign as the room's external sender", metadata: ["room": "\(room)", "error": "\(error)"])
            return
        }
        guard let index = senders.firstIndex(where: { $0.signatureKey == identity.sender.signatureKey }) else {
            logger.warning(
                "idle members stay: the group does not list MLSGate in its external_senders extension",
                metadata: ["room": "\(room)", "idle": "\(idle.count)"])
            return
        }
        var version = followed[room]?.version ?? 0
        var state = start
        for leaf in idle {
            do {
                let proposal = try ExternalProposal.make(
                    .remove(leaf), groupID: state.groupID, epoch: state.epoch, senderIndex: UInt32(index),
                    signaturePrivateKey: identity.privateKey, provider: identity.provider)
                _ = try await state.observe(proposal)
                guard version == followed[room]?.version ?? 0 else { return }  // a handshake came meanwhile
                let submission = try RoomSubmission(message: proposal)
                let accepted = try sequencer.submit(
                    room: room, sender: room, submission: submission, now: now(), publicState: state.serializedState())
                followed[room, default: FollowedGroup()].install(state)
                version = followed[room]?.version ?? 0
                Counter(label: "mlsgate_idle_removals_proposed_total").increment()
                let mls = XMLElement(
                    name: "mls", namespace: MLSNamespace.mls, text: Base64Field.encode(submission.payload))
                let stamp = stanzaID(accepted.stanzaID, room: room)
                for occupant in rosters[room]?.occupants ?? [] {
                    send(Message(type: .groupchat, from: room, to: occupant.jid, payload: [mls, stamp]).element)
                }
            } catch {
                logger.error("cannot propose an idle member's removal", metadata: ["room": "\(room)", "error": "\(error)"])
                return
            }
        }
    }
}
