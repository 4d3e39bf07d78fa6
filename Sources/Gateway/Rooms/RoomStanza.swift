import DeliveryService
import MLS
import XMPP

/// A groupchat message to a room, decoded once: the `<mls/>` MLSMessage, and the `<welcome/>`,
/// `<group-info/>` and `<ratchet-tree/>` that may come with a commit. Every later stage of the room (guard,
/// sequencer, fan-out) reads this value.
///
/// ```text
/// <message type='groupchat'>
///   <mls xmlns='urn:xmpp:mls:0'>base64 MLSMessage</mls>
///   <welcome xmlns='urn:xmpp:mls:0' to='jid'?>base64 MLSMessage</welcome>?
///   <group-info xmlns='urn:xmpp:mls:0'>base64 MLSMessage</group-info>?
///   <ratchet-tree xmlns='urn:xmpp:mls:0' cipher-suite='N'?>base64 ratchet_tree</ratchet-tree>?
/// </message>
/// ```
struct RoomStanza: Sendable {
    /// The stanza's id, kept on the reflection.
    let id: String?
    /// The decoded MLSMessage with its Welcome and GroupInfo.
    let submission: RoomSubmission
    /// Where to deliver the Welcome instead of the owners of the KeyPackages it names.
    let welcomeOverride: JID?
    /// The GroupInfo and ratchet tree that let the room start following its group.
    let bootstrap: RoomGuard.Bootstrap

    /// Why a message was refused while it was decoded: the error for its sender, and the content type of its
    /// MLSMessage once that was read, so that a refused commit is counted as one.
    struct Refusal: Error {
        let error: StanzaError
        let contentType: ContentType?
    }

    /// Decodes a groupchat message to a room.
    /// - Parameters:
    ///   - message: The message, from an occupant.
    ///   - sequencer: Decodes the MLS objects within its size limit.
    /// - Throws: ``Refusal``: `bad-request` or `not-acceptable` for the stanza's shape, or the sequencer's or
    ///   the room's refusal of what it carries.
    init(_ message: Message, sequencer: RoomSequencer) throws(Refusal) {
        guard message.type == .groupchat else {
            throw Refusal(
                error: StanzaError(.badRequest, text: "messages to a room must be of type groupchat"), contentType: nil)
        }
        var submission: RoomSubmission
        do throws(StanzaError) {
            guard let mls = Self.child("mls", of: message) else {
                throw StanzaError(
                    .notAcceptable, text: "this room carries only MLS messages, in <mls xmlns='urn:xmpp:mls:0'/>")
            }
            let payload = try Base64Field.decode(mls, what: "an MLSMessage")
            do throws(SequencerError) {
                submission = try sequencer.decode(payload: payload)
            } catch {
                throw StanzaError(error)
            }
        } catch {
            throw Refusal(error: error, contentType: nil)
        }
        do throws(StanzaError) {
            welcomeOverride = try Self.attach(message, to: &submission, sequencer: sequencer)
            var bootstrap = RoomGuard.Bootstrap(groupInfo: submission.groupInfo?.body)
            if let element = Self.child("ratchet-tree", of: message) {
                do throws(RoomError) {
                    (bootstrap.ratchetTree, bootstrap.cipherSuite) = try Self.ratchetTree(element)
                } catch {
                    throw StanzaError(error)
                }
            }
            self.bootstrap = bootstrap
        } catch {
            throw Refusal(error: error, contentType: submission.header.contentType)
        }
        self.submission = submission
        self.id = message.id
    }

    private static func child(_ name: String, of message: Message) -> XMLElement? {
        message.payload.first { $0.name == name && $0.namespace == MLSNamespace.mls }
    }

    /// Decodes the `<welcome/>` and `<group-info/>` into `submission`, and returns the `<welcome to=''/>` JID.
    private static func attach(_ message: Message, to submission: inout RoomSubmission, sequencer: RoomSequencer)
        throws(StanzaError) -> JID?
    {
        let welcomeElement = child("welcome", of: message)
        let welcome = try welcomeElement.map { element throws(StanzaError) in
            try Base64Field.decode(element, what: "a Welcome MLSMessage")
        }
        let groupInfo = try child("group-info", of: message).map { element throws(StanzaError) in
            try Base64Field.decode(element, what: "a GroupInfo MLSMessage")
        }
        var override: JID?
        if let text = welcomeElement?.attribute("to") {
            guard let jid = try? JID(text) else {
                throw StanzaError(.jidMalformed, text: "<welcome to='\(text)'/> is not a JID")
            }
            override = jid
        }
        do throws(SequencerError) {
            try sequencer.attach(welcome: welcome, groupInfo: groupInfo, to: &submission)
        } catch {
            throw StanzaError(error)
        }
        return override
    }

    /// The content type of the MLSMessage.
    var contentType: ContentType { submission.header.contentType }

    /// Reads `<ratchet-tree cipher-suite='N'?/>`.
    private static func ratchetTree(_ element: XMLElement) throws(RoomError) -> (RatchetTreeNodes, CipherSuite?) {
        let bytes: [UInt8]
        do throws(StanzaError) {
            bytes = try Base64Field.decode(element, what: "a ratchet tree")
        } catch {
            throw RoomError(.invalidHandshake, error.text ?? "the ratchet tree is not base64")
        }
        let tree: RatchetTreeNodes
        do {
            tree = try RatchetTreeNodes(tlsEncoded: bytes)
        } catch {
            throw RoomError(.invalidHandshake, "<ratchet-tree/> is not a TLS-encoded ratchet tree: \(error)")
        }
        guard let text = element.attribute("cipher-suite") else { return (tree, nil) }
        guard let value = UInt16(text) else {
            throw RoomError(.invalidHandshake, "cipher-suite='\(text)' is not a number")
        }
        return (tree, CipherSuite(rawValue: value))
    }
}
