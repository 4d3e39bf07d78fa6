extension PublicMessage {
    /// Frames signed content as a PublicMessage, adding the membership tag for a member sender (§6.2):
    ///
    /// ```text
    /// struct {
    ///   FramedContentTBS content_tbs;
    ///   FramedContentAuthData auth;
    /// } AuthenticatedContentTBM;
    ///
    /// membership_tag = MAC(membership_key, AuthenticatedContentTBM)
    /// ```
    ///
    /// - Throws: `FramingError.applicationContentInPublicMessage` for application data.
    public static func protect(
        _ content: AuthenticatedContent,
        membershipKey: [UInt8],
        serializedGroupContext: [UInt8]?,
        provider: any CipherSuiteProvider
    ) throws(FramingError) -> PublicMessage {
        guard content.content.contentType != .application else { throw .applicationContentInPublicMessage }
        guard content.wireFormat == .publicMessage else { throw .malformed(.malformed("wire format is not public")) }
        var tag: [UInt8]?
        if case .member = content.content.sender {
            tag = try membershipTag(
                for: content, membershipKey: membershipKey, serializedGroupContext: serializedGroupContext,
                provider: provider)
        }
        do {
            return try PublicMessage(content: content.content, auth: content.auth, membershipTag: tag)
        } catch {
            throw .malformed(error)
        }
    }

    /// `MAC(membership_key, AuthenticatedContentTBM)`.
    static func membershipTag(
        for content: AuthenticatedContent,
        membershipKey: [UInt8],
        serializedGroupContext: [UInt8]?,
        provider: any CipherSuiteProvider
    ) throws(FramingError) -> [UInt8] {
        do {
            let tbs = try FramedContentTBS(
                wireFormat: content.wireFormat, content: content.content, serializedGroupContext: serializedGroupContext)
            let tbm = try AuthenticatedContentTBM(contentTBS: tbs, auth: content.auth)
            return provider.mac(key: membershipKey, data: tbm.tlsEncoded)
        } catch {
            throw .malformed(error)
        }
    }

    /// Checks the membership tag of a member's message (§6.2); messages from non-members carry none.
    /// - Throws: `FramingError.invalidMembershipTag` when it is missing or wrong.
    public func verifyMembershipTag(
        membershipKey: [UInt8],
        serializedGroupContext: [UInt8]?,
        provider: any CipherSuiteProvider
    ) throws(FramingError) {
        guard case .member = content.sender else { return }
        guard let membershipTag else { throw .invalidMembershipTag }
        let expected = try Self.membershipTag(
            for: authenticatedContent, membershipKey: membershipKey, serializedGroupContext: serializedGroupContext,
            provider: provider)
        guard constantTimeEquals(expected, membershipTag) else { throw .invalidMembershipTag }
    }
}

/// Compares two byte strings without an early exit on the first difference.
func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}
