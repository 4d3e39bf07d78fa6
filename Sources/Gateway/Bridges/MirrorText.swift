import XMPP

/// The texts the mirror writes: mirrored lines, and the notices telling both rooms that a bridge is present.
public enum MirrorText {
    /// A message of the encrypted room as it appears in the plaintext room: `[alice@example.org] hello`.
    /// - Parameters:
    ///   - sender: The sender's credential JID, or `nil` when it names none.
    ///   - body: The message text.
    public static func plaintextLine(sender: JID?, body: String) -> String {
        prefixed(body, with: "[\(sender?.bare.description ?? "unknown")] ")
    }

    /// A message of the plaintext room as it appears in the encrypted room: `[nick] hello`.
    /// - Parameters:
    ///   - nick: The sender's nick in the plaintext room.
    ///   - body: The message text.
    public static func encryptedLine(nick: String, body: String) -> String {
        prefixed(body, with: "[\(nick)] ")
    }

    /// Every line of the body carries the sender's tag, so that a line break in a message cannot make a
    /// following line look like someone else's.
    static func prefixed(_ body: String, with tag: String) -> String {
        body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { tag + $0 }
            .joined(separator: "\n")
    }

    /// Posted in the plaintext room each time the bridge enters it.
    public static func plaintextNotice(encrypted: JID) -> String {
        "This room mirrors the end-to-end encrypted room \(encrypted) through a bridge: everything said here is "
            + "copied into that room, and everything said there appears here, in plaintext, visible to the server."
    }

    /// Posted, encrypted, in the encrypted room when the bridge joins its group.
    public static func encryptedNotice(plaintext: JID, bridge: JID) -> String {
        "A bridge is present: \(bridge) mirrors this room's messages in plaintext to \(plaintext), where the "
            + "server and everyone in that room can read them, and copies that room's messages here."
    }

    /// Posted in the plaintext room when the bridge leaves it because it left the encrypted room.
    public static func plaintextFarewell(encrypted: JID) -> String {
        "The bridge left the encrypted room \(encrypted): this room no longer mirrors it."
    }

    /// The subject the bridge gives the plaintext room when it may.
    public static func subject(encrypted: JID) -> String {
        "Plaintext mirror of the end-to-end encrypted room \(encrypted); visible to the server"
    }

    /// The status of the bridge's presence in the plaintext room.
    public static func status(encrypted: JID) -> String {
        "Bridge to the end-to-end encrypted room \(encrypted); messages here are not end-to-end encrypted"
    }
}
