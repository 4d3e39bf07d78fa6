import Crypto
import MLS
import XMPP

/// What a member checks of a decrypted application message before acting on it: that it is an XEP-0420 envelope,
/// that its `from` affix names the sender's MLS credential, and that the sender has not delivered the same envelope
/// before in that epoch (RFC 9750 §8.6).
///
/// ```text
/// application data ─▶ SCEEnvelope(serialized:) ─▶ from == sender's credential JID ─▶ (sender leaf, SHA-256 of the
///                     └ notAnEnvelope             └ missingSender / senderMismatch     data) unseen in its epoch
///                                                                                      └ replayed
/// ```
///
/// MLS does not stop a member holding an epoch's ratchet secrets from re-encrypting another member's signed content
/// under a fresh generation: the signature does not cover the generation, so the copy decrypts and verifies. Such a
/// copy carries exactly the same application data, so it is recognised by its sender's leaf and the digest of its
/// bytes. Each epoch the group can still read (the current one and ``GroupConfiguration/pastEpochs`` before it)
/// has its own window; older windows are forgotten, as no message of those epochs can be decrypted any more.
///
/// **Warning**: the windows live in memory. After a restart they start empty, so a copy of a message seen before
/// the restart is accepted once in the same epoch.
public struct EnvelopeGuard: Sendable {
    /// The digests one epoch's window holds at most: past it the oldest is forgotten. Default 4096; bots update
    /// their leaf, and so start a new epoch, every 100 messages by default, so a window rarely fills.
    public let capacity: Int
    private var windows: [UInt64: Window] = [:]

    private struct Key: Hashable, Sendable {
        var sender: UInt32
        var digest: [UInt8]
    }

    private struct Window: Sendable {
        var seen: Set<Key> = []
        var order: [Key] = []
    }

    /// - Parameter capacity: The most digests kept per epoch; at least 1.
    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// Checks a decrypted application message and, when it is accepted, remembers it.
    /// - Parameters:
    ///   - message: The message, as the group decrypted it.
    ///   - currentEpoch: The group's epoch now.
    ///   - pastEpochs: How many epochs before the current one the group still reads.
    ///   - room: The room the message came through: a `to` affix, when present, must name it.
    /// - Returns: The envelope and its verified sender, or why the message must be dropped. A refused message
    ///   changes nothing.
    public mutating func admit(
        _ message: ApplicationMessage,
        currentEpoch: UInt64,
        pastEpochs: Int,
        room: JID? = nil
    ) -> EnvelopeVerdict {
        let envelope: SCEEnvelope
        do {
            envelope = try SCEEnvelope(serialized: message.data)
        } catch {
            return .refused(.notAnEnvelope(error))  // VAL-ENVELOPE-01
        }
        guard let credentialJID = message.senderCredential.jid else { return .refused(.senderNotAJID) }  // VAL-ENVELOPE-02
        guard let claimed = envelope.from else { return .refused(.missingSender) }  // VAL-ENVELOPE-03
        // VAL-ENVELOPE-04, XEP-0420 §4: the affix carries the bare JID of the sender.
        guard claimed.bare == credentialJID.bare else { return .refused(.senderMismatch) }
        // VAL-ENVELOPE-06, XEP-0420 §4: an envelope addressed elsewhere was moved into this room.
        if let to = envelope.to, let room, to.bare != room.bare { return .refused(.wrongRecipient) }
        let oldest = currentEpoch >= UInt64(max(0, pastEpochs)) ? currentEpoch - UInt64(max(0, pastEpochs)) : 0
        windows = windows.filter { $0.key >= oldest }
        let key = Key(sender: message.sender.rawValue, digest: Array(SHA256.hash(data: message.data)))
        var window = windows[message.epoch] ?? Window()
        guard !window.seen.contains(key) else { return .refused(.replayed) }  // VAL-ENVELOPE-05
        if window.order.count >= capacity {
            window.seen.remove(window.order.removeFirst())
        }
        window.seen.insert(key)
        window.order.append(key)
        windows[message.epoch] = window
        return .accepted(envelope, sender: credentialJID.bare)
    }
}

/// The outcome of ``EnvelopeGuard/admit(_:currentEpoch:pastEpochs:)``.
public enum EnvelopeVerdict: Sendable {
    /// The envelope, from the bare JID its sender's credential names.
    case accepted(SCEEnvelope, sender: JID)
    /// The message must be dropped.
    case refused(EnvelopeRefusal)
}

/// Why an application message was dropped. The cases name no content, so they can be logged.
public enum EnvelopeRefusal: Error, Hashable, Sendable {
    /// VAL-ENVELOPE-01: the application data is not an XEP-0420 envelope.
    case notAnEnvelope(SCEEnvelopeError)
    /// VAL-ENVELOPE-02: the sender's credential does not name a JID, so no `from` can match it.
    case senderNotAJID
    /// VAL-ENVELOPE-03: the envelope has no `from` affix.
    case missingSender
    /// VAL-ENVELOPE-04: the `from` affix names another JID than the sender's credential: an impersonation.
    case senderMismatch
    /// VAL-ENVELOPE-05: the same sender delivered the same envelope before in this epoch (RFC 9750 §8.6).
    case replayed
    /// VAL-ENVELOPE-06: the `to` affix names another recipient than the room the message came through.
    case wrongRecipient
}

extension EnvelopeRefusal: CustomStringConvertible {
    /// A short reason, free of content.
    public var description: String {
        switch self {
        case .notAnEnvelope: "not-an-envelope"
        case .senderNotAJID: "sender-not-a-jid"
        case .missingSender: "missing-from"
        case .senderMismatch: "from-mismatch"
        case .replayed: "replayed"
        case .wrongRecipient: "to-mismatch"
        }
    }
}
