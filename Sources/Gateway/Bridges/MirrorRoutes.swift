import XMPP

/// Which plaintext room mirrors which encrypted room, one to one. A value that exists is valid: every encrypted
/// room is `room@` the component domain, every plaintext room is `room@` another domain (the XMPP server's MUC
/// service), and no room appears twice.
public struct MirrorRoutes: Hashable, Sendable {
    private let plaintextByEncrypted: [JID: JID]
    private let encryptedByPlaintext: [JID: JID]

    /// - Parameters:
    ///   - pairs: Each encrypted room with its plaintext room.
    ///   - domain: The component domain, where the encrypted rooms live.
    /// - Throws: ``MirrorRoutesError`` naming the first pair at fault.
    public init(_ pairs: [(encrypted: JID, plaintext: JID)], domain: JID) throws(MirrorRoutesError) {
        guard !pairs.isEmpty else { throw .empty }
        var forward: [JID: JID] = [:]
        var backward: [JID: JID] = [:]
        for (encrypted, plaintext) in pairs {
            guard encrypted.isBare, encrypted.localpart != nil, encrypted.domainpart == domain.domainpart else {
                throw .encryptedRoomNotOnComponent(encrypted, domain: domain)
            }
            guard plaintext.isBare, plaintext.localpart != nil, plaintext.domainpart != domain.domainpart else {
                throw .plaintextRoomNotElsewhere(plaintext, domain: domain)
            }
            guard forward[encrypted] == nil else { throw .encryptedRoomTwice(encrypted) }
            guard backward[plaintext] == nil else { throw .plaintextRoomTwice(plaintext) }
            forward[encrypted] = plaintext
            backward[plaintext] = encrypted
        }
        plaintextByEncrypted = forward
        encryptedByPlaintext = backward
    }

    /// The plaintext room mirroring an encrypted room, if any.
    public func plaintext(for encrypted: JID) -> JID? {
        plaintextByEncrypted[encrypted.bare]
    }

    /// The encrypted room a plaintext room mirrors, if any.
    public func encrypted(for plaintext: JID) -> JID? {
        encryptedByPlaintext[plaintext.bare]
    }

    /// The encrypted rooms, sorted.
    public var encryptedRooms: [JID] {
        plaintextByEncrypted.keys.sorted { $0.description < $1.description }
    }

    /// The plaintext rooms, sorted.
    public var plaintextRooms: [JID] {
        encryptedByPlaintext.keys.sorted { $0.description < $1.description }
    }
}

/// Why a room mapping is refused.
public enum MirrorRoutesError: Error, Hashable, Sendable {
    /// No room is mapped.
    case empty
    /// An encrypted room is not `room@` the component domain.
    case encryptedRoomNotOnComponent(JID, domain: JID)
    /// A plaintext room is not `room@` a domain other than the component's.
    case plaintextRoomNotElsewhere(JID, domain: JID)
    /// An encrypted room is mapped twice.
    case encryptedRoomTwice(JID)
    /// A plaintext room is mapped twice.
    case plaintextRoomTwice(JID)
}

extension MirrorRoutesError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty:
            "maps no room; map at least one encrypted room to a plaintext room"
        case .encryptedRoomNotOnComponent(let room, let domain):
            "'\(room)' must be an encrypted room on the component domain, such as room@\(domain)"
        case .plaintextRoomNotElsewhere(let room, let domain):
            "'\(room)' must be a room on the server's MUC service, such as room@conference.example.org, "
                + "not on \(domain)"
        case .encryptedRoomTwice(let room):
            "the encrypted room \(room) is mapped twice"
        case .plaintextRoomTwice(let room):
            "the plaintext room \(room) mirrors two encrypted rooms; give each its own"
        }
    }
}
