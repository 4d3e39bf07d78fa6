/// The result of opening a PrivateMessage: the authenticated content (its signature not yet
/// verified) and the sender data that located its key.
public struct DecryptedPrivateMessage: Hashable, Sendable {
    public var content: AuthenticatedContent
    public var senderData: SenderData
}

extension PrivateMessage {
    /// Encrypts signed content as a PrivateMessage (RFC 9420 §6.3).
    ///
    /// The content key comes from the sender's handshake ratchet for proposals and commits and
    /// from its application ratchet for application data; it is consumed. The nonce is XORed with
    /// a fresh four-byte reuse guard. The sender data is encrypted under keys derived from a
    /// sample of the content ciphertext.
    ///
    /// - Parameter reuseGuard: four bytes; random unless given (tests pass a fixed one).
    public static func protect(
        _ content: AuthenticatedContent,
        secretTree: inout SecretTree,
        senderDataSecret: [UInt8],
        padding: PaddingPolicy = .default,
        reuseGuard: [UInt8]? = nil,
        provider: any CipherSuiteProvider
    ) throws(FramingError) -> PrivateMessage {
        guard content.wireFormat == .privateMessage else { throw .malformed(.malformed("wire format is not private")) }
        guard case .member(let leaf) = content.content.sender else { throw .senderNotMember(content.content.sender) }
        let framed = content.content
        let contentType = framed.contentType
        let guardBytes = reuseGuard ?? provider.randomBytes(count: SenderData.reuseGuardLength)
        var tree = secretTree
        do {
            let key = try tree.nextSendingKey(for: leaf, type: contentType == .application ? .application : .handshake)
            let senderData = try SenderData(leafIndex: leaf, generation: key.generation, reuseGuard: guardBytes)
            let unpaddedLength = try PrivateMessageContent(body: framed.body, auth: content.auth, paddingLength: 0)
                .tlsEncoded.count
            let plaintext = try PrivateMessageContent(
                body: framed.body, auth: content.auth,
                paddingLength: padding.paddingLength(forContentLength: unpaddedLength)
            ).tlsEncoded
            let aad = PrivateContentAAD(
                groupID: framed.groupID, epoch: framed.epoch, contentType: contentType,
                authenticatedData: framed.authenticatedData)
            let ciphertext = try provider.aeadSeal(
                key: key.key, nonce: guarded(key.nonce, with: guardBytes), aad: aad.tlsEncoded, plaintext: plaintext)
            let senderKeys = try SenderDataSecrets(
                provider: provider, senderDataSecret: senderDataSecret, ciphertext: ciphertext)
            let encryptedSenderData = try provider.aeadSeal(
                key: senderKeys.key, nonce: senderKeys.nonce,
                aad: SenderDataAAD(groupID: framed.groupID, epoch: framed.epoch, contentType: contentType).tlsEncoded,
                plaintext: senderData.tlsEncoded)
            secretTree = tree
            return PrivateMessage(
                groupID: framed.groupID, epoch: framed.epoch, contentType: contentType,
                authenticatedData: framed.authenticatedData, encryptedSenderData: encryptedSenderData,
                ciphertext: ciphertext)
        } catch let error as SecretTreeError {
            throw .secretTree(error)
        } catch let error as CryptoError {
            throw .crypto(error)
        } catch let error as CodecError {
            throw .malformed(error)
        } catch {
            throw .crypto(.backend("\(error)"))
        }
    }

    /// Decrypts the sender data, then the content with the sender's ratchet key, which is consumed
    /// only when decryption succeeds (§6.3). The signature is not checked here.
    ///
    /// - Throws: `FramingError.decryptionFailed` for either ciphertext, `.nonZeroPadding`, or a
    ///   secret-tree error for an unavailable generation; the tree is then unchanged.
    public func unprotect(
        secretTree: inout SecretTree,
        senderDataSecret: [UInt8],
        provider: any CipherSuiteProvider
    ) throws(FramingError) -> DecryptedPrivateMessage {
        let senderData: SenderData
        do {
            let senderKeys = try SenderDataSecrets(
                provider: provider, senderDataSecret: senderDataSecret, ciphertext: ciphertext)
            let plain = try provider.aeadOpen(
                key: senderKeys.key, nonce: senderKeys.nonce,
                aad: SenderDataAAD(self).tlsEncoded,
                ciphertext: encryptedSenderData)
            senderData = try SenderData(tlsEncoded: plain)
        } catch let error as CodecError {
            throw .malformed(error)
        } catch {
            throw .decryptionFailed
        }
        var tree = secretTree
        let key: RatchetKey
        do {
            key = try tree.key(
                for: senderData.leafIndex, type: contentType == .application ? .application : .handshake,
                generation: senderData.generation)
        } catch {
            throw .secretTree(error)
        }
        let plaintext: [UInt8]
        do {
            plaintext = try provider.aeadOpen(
                key: key.key, nonce: Self.guarded(key.nonce, with: senderData.reuseGuard),
                aad: PrivateContentAAD(self).tlsEncoded,
                ciphertext: ciphertext)
        } catch {
            throw .decryptionFailed
        }
        let content: PrivateMessageContent
        do {
            content = try PrivateMessageContent(plaintext: plaintext, contentType: contentType)
        } catch .nonZeroPadding {
            throw .nonZeroPadding
        } catch {
            throw .malformed(error)
        }
        let framed = FramedContent(
            groupID: groupID, epoch: epoch, sender: .member(senderData.leafIndex),
            authenticatedData: authenticatedData, body: content.body)
        let authenticated: AuthenticatedContent
        do {
            authenticated = try AuthenticatedContent(wireFormat: .privateMessage, content: framed, auth: content.auth)
        } catch {
            throw .malformed(error)
        }
        secretTree = tree
        return DecryptedPrivateMessage(content: authenticated, senderData: senderData)
    }

    /// The nonce XORed, in its first four bytes, with the reuse guard (§6.3.1).
    private static func guarded(_ nonce: [UInt8], with reuseGuard: [UInt8]) -> [UInt8] {
        var result = nonce
        for index in 0..<min(reuseGuard.count, result.count) { result[index] ^= reuseGuard[index] }
        return result
    }
}
