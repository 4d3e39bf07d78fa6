/// Why a string is not a valid JID (RFC 7622).
public enum JIDError: Error, Hashable, Sendable {
    /// `@` with nothing before it (§3.3).
    case emptyLocalpart
    /// More than 1023 bytes of UTF-8 in the localpart (§3.3.1).
    case localpartTooLong
    /// A character §3.3.1 forbids in a localpart: `"&'/:<>@`, whitespace or a control character.
    case invalidLocalpartCharacter(Unicode.Scalar)
    /// No domainpart (§3.2).
    case emptyDomainpart
    /// More than 1023 bytes of UTF-8 in the domainpart (§3.2.1).
    case domainpartTooLong
    /// A domainpart with whitespace, control characters, `@`, or an empty label.
    case invalidDomainpart(String)
    /// `/` with nothing after it (§3.4).
    case emptyResourcepart
    /// More than 1023 bytes of UTF-8 in the resourcepart (§3.4.1).
    case resourcepartTooLong
    /// A control character in the resourcepart (§3.4.1, OpaqueString).
    case invalidResourcepartCharacter(Unicode.Scalar)
}
