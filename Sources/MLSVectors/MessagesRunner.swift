import MLS

/// Runs `messages.json`: the wire encodings of RFC 9420 §6, §7, §10 and §12.
///
/// Verification:
/// - the contents of each field decode using the corresponding structure, consuming every byte:
///   `mls_welcome`, `mls_group_info`, `mls_key_package` as MLSMessage; `ratchet_tree` as
///   `optional<Node> ratchet_tree<V>`; `group_secrets` as GroupSecrets; each `*_proposal` as the
///   proposal body struct (Add, Update, Remove, PreSharedKey, ReInit, ExternalInit,
///   GroupContextExtensions); `commit` as Commit; `public_message_*` and `private_message` as
///   MLSMessage;
/// - each MLSMessage has the wire format (and, for a public message, the content type) the
///   field announces;
/// - each decoded object re-encodes to exactly the bytes of the vector.
enum MessagesRunner: VectorRunner {
    struct Case: Decodable {
        var mls_welcome: HexBytes
        var mls_group_info: HexBytes
        var mls_key_package: HexBytes
        var ratchet_tree: HexBytes
        var group_secrets: HexBytes
        var add_proposal: HexBytes
        var update_proposal: HexBytes
        var remove_proposal: HexBytes
        var pre_shared_key_proposal: HexBytes
        var re_init_proposal: HexBytes
        var external_init_proposal: HexBytes
        var group_context_extensions_proposal: HexBytes
        var commit: HexBytes
        var public_message_application: HexBytes
        var public_message_proposal: HexBytes
        var public_message_commit: HexBytes
        var private_message: HexBytes
    }

    static func verify(_ c: Case, crypto: any CryptoProvider) throws -> VectorOutcome {
        try checkMessage(c.mls_welcome, "mls_welcome", wireFormat: .welcome)
        try checkMessage(c.mls_group_info, "mls_group_info", wireFormat: .groupInfo)
        try checkMessage(c.mls_key_package, "mls_key_package", wireFormat: .keyPackage)
        try roundTrip(RatchetTreeNodes.self, c.ratchet_tree, "ratchet_tree")
        try roundTrip(GroupSecrets.self, c.group_secrets, "group_secrets")

        let proposals: [(ProposalType, HexBytes, String)] = [
            (.add, c.add_proposal, "add_proposal"),
            (.update, c.update_proposal, "update_proposal"),
            (.remove, c.remove_proposal, "remove_proposal"),
            (.psk, c.pre_shared_key_proposal, "pre_shared_key_proposal"),
            (.reinit, c.re_init_proposal, "re_init_proposal"),
            (.externalInit, c.external_init_proposal, "external_init_proposal"),
            (.groupContextExtensions, c.group_context_extensions_proposal, "group_context_extensions_proposal"),
        ]
        for (type, bytes, path) in proposals {
            var reader = TLSReader(bytes.bytes)
            let proposal = try decoding(path) { () throws(CodecError) -> Proposal in
                let proposal = try Proposal(type: type, bodyFrom: &reader)
                try reader.finish()
                return proposal
            }
            try expectEqual(proposal.type, type, "\(path) proposal type")
            var writer = TLSWriter()
            proposal.encodeBody(to: &writer)
            try expectEqual(writer.bytes, bytes.bytes, "\(path) re-encoded")
        }

        try roundTrip(Commit.self, c.commit, "commit")
        try checkMessage(c.public_message_application, "public_message_application",
                         wireFormat: .publicMessage, contentType: .application)
        try checkMessage(c.public_message_proposal, "public_message_proposal",
                         wireFormat: .publicMessage, contentType: .proposal)
        try checkMessage(c.public_message_commit, "public_message_commit",
                         wireFormat: .publicMessage, contentType: .commit)
        try checkMessage(c.private_message, "private_message", wireFormat: .privateMessage)
        return .passed
    }

    /// Decodes an MLSMessage, checks its wire format (and a public message's content type), and
    /// checks that it re-encodes to the same bytes.
    private static func checkMessage(
        _ bytes: HexBytes, _ path: String, wireFormat: WireFormat, contentType: ContentType? = nil
    ) throws {
        let message = try roundTrip(MLSMessage.self, bytes, path)
        try expectEqual(message.wireFormat.rawValue, wireFormat.rawValue, "\(path).wire_format")
        if let contentType {
            guard case .publicMessage(let publicMessage) = message.body else {
                throw VectorCheckFailed(path, "not a public message")
            }
            try expectEqual(publicMessage.content.contentType, contentType, "\(path).content.content_type")
        }
    }

    /// Decodes a value spanning all of `bytes` and checks that it re-encodes to them.
    @discardableResult
    private static func roundTrip<T: TLSCodable>(_ type: T.Type, _ bytes: HexBytes, _ path: String) throws -> T {
        let value = try decoding(path) { () throws(CodecError) -> T in try T(tlsEncoded: bytes.bytes) }
        try expectEqual(value.tlsEncoded, bytes.bytes, "\(path) re-encoded")
        return value
    }

    /// Runs a decode, reporting a codec error with the JSON path of the field.
    private static func decoding<T>(_ path: String, _ body: () throws(CodecError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw VectorCheckFailed(path, "does not decode: \(error)")
        }
    }
}
