/// An XMPP address, RFC 7622: `[ localpart "@" ] domainpart [ "/" resourcepart ]`.
///
/// A `JID` that exists is valid: each part is 1 to 1023 bytes of UTF-8 after normalization, the localpart has none
/// of `"&'/:<>@`, whitespace or control characters, the domainpart has no whitespace, control characters, `@` or
/// empty labels, and the resourcepart has no control characters.
///
/// Normalization is a documented subset of PRECIS (RFC 8264, RFC 8265) and IDNA:
/// - the localpart and domainpart are lowercased with Unicode default case mapping;
/// - one trailing dot is removed from the domainpart (§3.2);
/// - the resourcepart is kept as given.
///
/// Not covered, for lack of Unicode tables without a library: NFC normalization (Swift's `String` comparison and
/// hashing are canonical-equivalence aware, so equal addresses still compare equal, but `description` keeps the
/// input's form), width mapping, the PRECIS disallowed and unassigned code point classes, the bidi rule, and IDNA2008
/// label checks and Punycode conversion. The domainpart is therefore validated leniently.
public struct JID: Sendable {
    /// The part before `@`, lowercased; `nil` for a server or component address.
    public let localpart: String?
    /// The domainpart, lowercased, without a trailing dot.
    public let domainpart: String
    /// The part after `/`, unchanged; `nil` for a bare JID.
    public let resourcepart: String?

    /// The longest part allowed, in bytes of UTF-8 (RFC 7622 §3.2.1, §3.3.1, §3.4.1).
    public static let maxPartBytes = 1023

    /// Parses and validates a JID.
    /// - Parameter string: The address, such as `room@muc.example/nick`.
    /// - Throws: ``JIDError`` naming the first rule broken.
    public init(_ string: String) throws(JIDError) {
        // §3.1: the resourcepart starts at the first '/', the localpart ends at the first '@' before it.
        var rest = Substring(string)
        var resource: Substring?
        if let slash = rest.firstIndex(of: "/") {
            resource = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var local: Substring?
        if let at = rest.firstIndex(of: "@") {
            local = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        try self.init(
            localpart: local.map(String.init),
            domainpart: String(rest),
            resourcepart: resource.map(String.init)
        )
    }

    /// Makes a JID from its parts, validating and normalizing each.
    /// - Parameters:
    ///   - localpart: The localpart, or `nil`.
    ///   - domainpart: The domainpart.
    ///   - resourcepart: The resourcepart, or `nil`.
    /// - Throws: ``JIDError`` naming the first rule broken.
    public init(localpart: String?, domainpart: String, resourcepart: String? = nil) throws(JIDError) {
        self.localpart = try localpart.map { part throws(JIDError) in try Self.validatedLocalpart(part) }
        self.domainpart = try Self.validatedDomainpart(domainpart)
        self.resourcepart = try resourcepart.map { part throws(JIDError) in try Self.validatedResourcepart(part) }
    }

    private init(unchecked localpart: String?, domainpart: String, resourcepart: String?) {
        self.localpart = localpart
        self.domainpart = domainpart
        self.resourcepart = resourcepart
    }

    /// The address without its resourcepart.
    public var bare: JID {
        JID(unchecked: localpart, domainpart: domainpart, resourcepart: nil)
    }

    /// Whether the address has no resourcepart.
    public var isBare: Bool { resourcepart == nil }

    /// Returns the address with another resourcepart.
    /// - Parameter resource: The new resourcepart, or `nil` for the bare JID.
    /// - Returns: The new address.
    /// - Throws: ``JIDError`` if the resourcepart is invalid.
    public func withResource(_ resource: String?) throws(JIDError) -> JID {
        JID(
            unchecked: localpart,
            domainpart: domainpart,
            resourcepart: try resource.map { part throws(JIDError) in try Self.validatedResourcepart(part) }
        )
    }

    private static func validatedLocalpart(_ part: String) throws(JIDError) -> String {
        guard !part.isEmpty else { throw .emptyLocalpart }
        let normalized = part.lowercased()
        for scalar in normalized.unicodeScalars {
            if "\"&'/:<>@".unicodeScalars.contains(scalar) || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .control
            {
                throw .invalidLocalpartCharacter(scalar)
            }
        }
        guard normalized.utf8.count <= maxPartBytes else { throw .localpartTooLong }
        return normalized
    }

    private static func validatedDomainpart(_ part: String) throws(JIDError) -> String {
        var normalized = part.lowercased()
        if normalized.hasSuffix(".") { normalized.removeLast() }
        guard !normalized.isEmpty else { throw .emptyDomainpart }
        guard normalized.utf8.count <= maxPartBytes else { throw .domainpartTooLong }
        for scalar in normalized.unicodeScalars {
            if scalar == "@" || scalar == "/" || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .control
            {
                throw .invalidDomainpart(part)
            }
        }
        let isIPv6Literal = normalized.hasPrefix("[") && normalized.hasSuffix("]")
        if !isIPv6Literal, normalized.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw .invalidDomainpart(part)
        }
        return normalized
    }

    private static func validatedResourcepart(_ part: String) throws(JIDError) -> String {
        guard !part.isEmpty else { throw .emptyResourcepart }
        guard part.utf8.count <= maxPartBytes else { throw .resourcepartTooLong }
        if let scalar = part.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .invalidResourcepartCharacter(scalar)
        }
        return part
    }
}

extension JID: Hashable {}

extension JID: CustomStringConvertible {
    /// The address in its string form, `local@domain/resource`.
    public var description: String {
        var result = ""
        if let localpart { result += localpart + "@" }
        result += domainpart
        if let resourcepart { result += "/" + resourcepart }
        return result
    }
}
