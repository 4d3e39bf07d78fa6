/// GREASE, "Generate Random Extensions And Sustain Extensibility" (RFC 9420 §13.5, RFC 8701).
///
/// The core adds random GREASE values to what it makes, so that a peer which wrongly refuses unknown values
/// fails at once: "When generating the following fields, an MLS client SHOULD include a random selection of
/// values chosen from these GREASE values":
///
/// ```text
/// LeafNode.capabilities.cipher_suites    LeafNode.capabilities.extensions
/// LeafNode.capabilities.proposals        LeafNode.capabilities.credentials
/// LeafNode.extensions                    KeyPackage.extensions
/// GroupInfo.extensions
/// ```
///
/// and never in `Proposal.proposal_type`, `Credential.credential_type`, `GroupContext.extensions` or
/// `GroupContextExtensions.extensions`. A GREASE type in `LeafNode.extensions` or `KeyPackage.extensions` is
/// also listed in `capabilities.extensions` (§13.5, §10). Receivers give these values no special treatment
/// ("Clients MUST NOT implement any special processing rules"); `Client.capabilities`, the client's own
/// representation, never holds them.
public enum Grease {
    /// The fifteen values reserved in every MLS registry: 0x0A0A, 0x1A1A, …, 0xEAEA (§13.5).
    public static let values: [UInt16] = (0..<15).map { 0x0A0A + 0x1010 * UInt16($0) }

    /// Whether `value` is one of the reserved GREASE values.
    public static func isGrease(_ value: UInt16) -> Bool { values.contains(value) }

    /// Capabilities with one or two random GREASE values added to each list §13.5 names (not `versions`).
    ///
    /// - Parameters:
    ///   - capabilities: The client's own capabilities, without GREASE.
    ///   - random: The source of randomness, such as `provider.randomBytes`.
    /// - Returns: The capabilities to send.
    static func capabilities(_ capabilities: Capabilities, random: (Int) -> [UInt8]) -> Capabilities {
        var result = capabilities
        result.cipherSuites += pick(from: random, avoiding: Set(capabilities.cipherSuites.map(\.rawValue)))
            .map(CipherSuite.init(rawValue:))
        result.extensions += pick(from: random, avoiding: Set(capabilities.extensions.map(\.rawValue)))
            .map(ExtensionType.init(rawValue:))
        result.proposals += pick(from: random, avoiding: Set(capabilities.proposals.map(\.rawValue)))
            .map(ProposalType.init(rawValue:))
        result.credentials += pick(from: random, avoiding: Set(capabilities.credentials.map(\.rawValue)))
            .map(CredentialType.init(rawValue:))
        return result
    }

    /// One GREASE extension of a type not yet in `extensions`, with `dataLength` random bytes of data.
    ///
    /// - Parameters:
    ///   - extensions: The list it joins, whose types it must not repeat (§13.4).
    ///   - randomData: Whether the data is 0 to 15 random bytes (KeyPackage and GroupInfo, §13.5) or empty
    ///     (LeafNode).
    ///   - random: The source of randomness.
    static func extensionEntry(
        joining extensions: [Extension], randomData: Bool, random: (Int) -> [UInt8]
    ) -> Extension {
        let taken = Set(extensions.map(\.type.rawValue))
        let type = pick(count: 1, from: random, avoiding: taken).first ?? values[0]
        let length = randomData ? Int(random(1)[0] & 0x0F) : 0
        return Extension(type: ExtensionType(rawValue: type), data: length == 0 ? [] : random(length))
    }

    /// A leaf's capabilities and extensions with GREASE: in each capabilities list, and one GREASE extension in
    /// `extensions` whose type the capabilities list too.
    static func leaf(
        capabilities: Capabilities, extensions: [Extension], random: (Int) -> [UInt8]
    ) -> (Capabilities, [Extension]) {
        var greased = Self.capabilities(capabilities, random: random)
        let entry = extensionEntry(joining: extensions, randomData: false, random: random)
        if !greased.extensions.contains(entry.type) { greased.extensions.append(entry.type) }
        return (greased, extensions + [entry])
    }

    /// One or two (or `count`) distinct GREASE values outside `taken`, chosen at random.
    private static func pick(count: Int? = nil, from random: (Int) -> [UInt8], avoiding taken: Set<UInt16>)
        -> [UInt16]
    {
        let bytes = random(3)
        let wanted = count ?? 1 + Int(bytes[0] & 1)
        var free = values.filter { !taken.contains($0) }
        var chosen: [UInt16] = []
        for byte in bytes.dropFirst().prefix(wanted) where !free.isEmpty {
            chosen.append(free.remove(at: Int(byte) % free.count))
        }
        return chosen
    }
}
