extension GroupStateReading {
    /// The signature key of a sender that is a current member.
    func memberSignatureKey(_ sender: Sender, tree: RatchetTree) throws(GroupError) -> [UInt8] {
        guard case .member(let leaf) = sender, let node = tree.leaf(leaf) else { throw .unknownSender(sender) }
        return node.signatureKey
    }

    /// The key that must have signed this content (§6.1).
    func signatureKey(for content: AuthenticatedContent) throws(GroupError) -> [UInt8] {
        switch content.content.sender {
        case .member:
            return try memberSignatureKey(content.content.sender, tree: tree)
        case .newMemberCommit:
            guard case .commit(let commit) = content.content.body, let path = commit.path else {
                throw .unknownSender(content.content.sender)
            }
            return path.leafNode.signatureKey
        case .newMemberProposal:
            guard case .proposal(.add(let keyPackage)) = content.content.body else {
                throw .unknownSender(content.content.sender)
            }
            return keyPackage.leafNode.signatureKey
        case .external(let index):
            let senders = try lift(GroupError.codec) { () throws(CodecError) in
                try ExternalSender.list(in: context.extensions)
            }
            guard Int(index) < senders.count else { throw .unknownSender(content.content.sender) }
            return senders[Int(index)].signatureKey
        }
    }
}

extension Group {
    /// Checks a PublicMessage for the current epoch (§6.2) and returns its verified content.
    func verify(_ message: PublicMessage) throws(GroupError) -> AuthenticatedContent {
        let content = message.content
        guard content.groupID == context.groupID else { throw .wrongGroup }
        guard content.epoch == context.epoch else { throw .wrongEpoch(message: content.epoch, current: context.epoch) }
        guard content.contentType != .application else { throw .unexpectedWireFormat(.publicMessage) }
        if configuration.enforceHandshakeWireFormat, configuration.handshakeWireFormat != .publicMessage {
            throw .unexpectedWireFormat(.publicMessage)
        }
        let authenticated = message.authenticatedContent
        let signatureKey = try signatureKey(for: authenticated)
        let encoded = encodedContext
        try lift(GroupError.framing) { () throws(FramingError) in
            try message.verifyMembershipTag(
                membershipKey: secrets.membershipKey.bytes, serializedGroupContext: encoded, provider: provider)
            try authenticated.verifySignature(
                publicKey: signatureKey,
                serializedGroupContext: FramedContentTBS.includesGroupContext(content.sender) ? encoded : nil,
                provider: provider)
        }
        return authenticated
    }

    /// Decrypts and verifies a PrivateMessage of the current epoch (§6.3), consuming its key.
    mutating func open(_ message: PrivateMessage) throws(GroupError) -> AuthenticatedContent {
        guard message.groupID == context.groupID else { throw .wrongGroup }
        if message.contentType != .application, configuration.enforceHandshakeWireFormat,
            configuration.handshakeWireFormat != .privateMessage
        {
            throw .unexpectedWireFormat(.privateMessage)
        }
        if message.epoch == context.epoch {
            var tree = secretTree
            let opened = try lift(GroupError.framing) { () throws(FramingError) in
                try message.unprotect(secretTree: &tree, senderDataSecret: secrets.senderDataSecret.bytes, provider: provider)
            }
            let sender = opened.content.content.sender
            let key = try memberSignatureKey(sender, tree: self.tree)
            let encoded = encodedContext
            try lift(GroupError.framing) { () throws(FramingError) in
                try opened.content.verifySignature(publicKey: key, serializedGroupContext: encoded, provider: provider)
            }
            secretTree = tree
            return opened.content
        }
        // §14: application messages of recent epochs stay readable for a while.
        guard message.contentType == .application,
            let index = pastEpochs.firstIndex(where: { $0.epoch == message.epoch })
        else { throw .wrongEpoch(message: message.epoch, current: context.epoch) }
        var past = pastEpochs[index]
        let opened = try lift(GroupError.framing) { () throws(FramingError) in
            try message.unprotect(secretTree: &past.secretTree, senderDataSecret: past.senderDataSecret.bytes, provider: provider)
        }
        let key = try memberSignatureKey(opened.content.content.sender, tree: past.tree)
        try lift(GroupError.framing) { () throws(FramingError) in
            try opened.content.verifySignature(
                publicKey: key, serializedGroupContext: past.encodedContext, provider: provider)
        }
        pastEpochs[index] = past
        return opened.content
    }

    /// Signs content as this member for the current epoch and protects it in the wire format.
    mutating func frame(
        _ body: FramedContent.Body, authenticatedData: [UInt8], wireFormat: WireFormat
    ) throws(GroupError) -> (message: MLSMessage, content: AuthenticatedContent) {
        let content = FramedContent(
            groupID: context.groupID, epoch: context.epoch, sender: .member(ownLeaf),
            authenticatedData: authenticatedData, body: body)
        let encoded = encodedContext
        let signature = try lift(GroupError.framing) { () throws(FramingError) in
            try AuthenticatedContent.signature(
                wireFormat: wireFormat, content: content, serializedGroupContext: encoded,
                signer: signatureKeyPair, provider: provider)
        }
        return try protect(wireFormat: wireFormat, content: content, signature: signature, confirmationTag: nil)
    }

    /// Protects signed content with the current epoch's keys (§6.2, §6.3).
    mutating func protect(
        wireFormat: WireFormat, content: FramedContent, signature: [UInt8], confirmationTag: [UInt8]?
    ) throws(GroupError) -> (message: MLSMessage, content: AuthenticatedContent) {
        let authenticated = try lift(GroupError.codec) { () throws(CodecError) in
            try AuthenticatedContent(
                wireFormat: wireFormat, content: content,
                auth: FramedContentAuthData(signature: signature, confirmationTag: confirmationTag))
        }
        let encoded = encodedContext
        switch wireFormat {
        case .publicMessage:
            let message = try lift(GroupError.framing) { () throws(FramingError) in
                try PublicMessage.protect(
                    authenticated, membershipKey: secrets.membershipKey.bytes, serializedGroupContext: encoded,
                    provider: provider)
            }
            return (MLSMessage(body: .publicMessage(message)), authenticated)
        default:
            var tree = secretTree
            let message = try lift(GroupError.framing) { () throws(FramingError) in
                try PrivateMessage.protect(
                    authenticated, secretTree: &tree, senderDataSecret: secrets.senderDataSecret.bytes,
                    padding: configuration.padding, provider: provider)
            }
            secretTree = tree
            return (MLSMessage(body: .privateMessage(message)), authenticated)
        }
    }

    /// The wire format this member uses for handshake messages.
    var handshakeWireFormat: WireFormat {
        configuration.handshakeWireFormat == .publicMessage ? .publicMessage : .privateMessage
    }
}
