import MLS

/// KeyPackages as other MLS implementations may make them, each with the outcome RFC 9420 asks of a receiver.
///
/// The same cases run in the MLS core (commit, process, follow, join), in the KeyPackage directory (publish)
/// and in a room that follows its group; each place must accept or refuse exactly as listed. A case edits a
/// KeyPackage made by a `Client` (see `ForeignKeyPackage.make`).
public struct ForeignObjectCase: Sendable, CustomStringConvertible {
    /// What a receiver must do with the KeyPackage.
    public enum Outcome: Sendable, Equatable {
        case accepted
        /// Refused by leaf validation (VAL-KP-04) for this VAL-LEAF rule.
        case refused(LeafNodeValidationError)
    }

    public var name: String
    /// The outcome in a group that has the corpus's GroupContext extension `groupExtension` (used by the
    /// members, listed in their capabilities) when `inGroupWithExtension` is set, else in a group without one.
    public var inGroup: Outcome
    /// The outcome outside any group: the KeyPackage directory.
    public var inDirectory: Outcome
    /// Whether the case needs the group to carry `groupExtension` in its GroupContext.
    public var inGroupWithExtension: Bool
    /// Whether the KeyPackage lists the group's version and suite: MLSGate itself adds only those (§11), so
    /// the others reach a group only through another implementation's commit.
    public var supportsGroupParameters: Bool
    public var edit: @Sendable (inout UnverifiedKeyPackage) -> Void

    public var description: String { name }

    /// A non-default GroupContext extension type the corpus's members support.
    public static let groupExtension = ExtensionType(rawValue: 0x7F31)
    /// Unknown, non-GREASE code points (unassigned in RFC 9420's registries).
    public static let unknownExtension = ExtensionType(rawValue: 0x7F01)
    public static let unknownProposal = ProposalType(rawValue: 0x7F02)
    public static let unknownCredential = CredentialType(rawValue: 0x7F03)
    public static let otherSuite = CipherSuite.mls256DHKEMP521AES256GCMSHA512P521

    public static let all: [ForeignObjectCase] = [
        ForeignObjectCase(
            name: "GREASE in every allowed field", inGroup: .accepted, inDirectory: .accepted
        ) { keyPackage in
            keyPackage.leafNode.capabilities.cipherSuites += [CipherSuite(rawValue: 0x0A0A), CipherSuite(rawValue: 0xEAEA)]
            keyPackage.leafNode.capabilities.extensions += [ExtensionType(rawValue: 0x1A1A), ExtensionType(rawValue: 0x2A2A)]
            keyPackage.leafNode.capabilities.proposals += [ProposalType(rawValue: 0x3A3A)]
            keyPackage.leafNode.capabilities.credentials += [CredentialType(rawValue: 0x4A4A)]
            // §13.5: a GREASE leaf extension, reflected in the capabilities.
            keyPackage.leafNode.extensions.append(Extension(type: ExtensionType(rawValue: 0x1A1A), data: []))
            // §13.5: GREASE KeyPackage extensions with any contents, one of them not listed.
            keyPackage.extensions.append(Extension(type: ExtensionType(rawValue: 0x2A2A), data: [0xDE, 0xAD]))
            keyPackage.extensions.append(Extension(type: ExtensionType(rawValue: 0x5A5A), data: Array(repeating: 7, count: 40)))
        },
        ForeignObjectCase(
            name: "unknown extension, proposal and credential types in the capabilities",
            inGroup: .accepted, inDirectory: .accepted
        ) { keyPackage in
            keyPackage.leafNode.capabilities.extensions.append(unknownExtension)
            keyPackage.leafNode.capabilities.proposals.append(unknownProposal)
            keyPackage.leafNode.capabilities.credentials.append(unknownCredential)
            keyPackage.leafNode.capabilities.cipherSuites.append(CipherSuite(rawValue: 0x7F04))
        },
        ForeignObjectCase(
            name: "unknown KeyPackage extension not in the capabilities", inGroup: .accepted, inDirectory: .accepted
        ) { keyPackage in
            keyPackage.extensions.append(Extension(type: ExtensionType(rawValue: 0x7F11), data: [1, 2, 3]))
        },
        ForeignObjectCase(
            name: "capabilities without the group's suite", inGroup: .accepted, inDirectory: .accepted,
            supportsGroupParameters: false
        ) { keyPackage in
            keyPackage.leafNode.capabilities.cipherSuites = [otherSuite]
        },
        ForeignObjectCase(
            name: "capabilities without mls10", inGroup: .accepted, inDirectory: .accepted,
            supportsGroupParameters: false
        ) { keyPackage in
            keyPackage.leafNode.capabilities.versions = [ProtocolVersion(rawValue: 0x0200)]
        },
        ForeignObjectCase(
            name: "a LeafNode extension missing from the capabilities",
            inGroup: .refused(.extensionNotInCapabilities(ExtensionType(rawValue: 0x7F21))),
            inDirectory: .refused(.extensionNotInCapabilities(ExtensionType(rawValue: 0x7F21)))
        ) { keyPackage in
            keyPackage.leafNode.extensions.append(Extension(type: ExtensionType(rawValue: 0x7F21), data: []))
        },
        ForeignObjectCase(
            name: "a GREASE LeafNode extension missing from the capabilities",
            inGroup: .refused(.extensionNotInCapabilities(ExtensionType(rawValue: 0x6A6A))),
            inDirectory: .refused(.extensionNotInCapabilities(ExtensionType(rawValue: 0x6A6A)))
        ) { keyPackage in
            keyPackage.leafNode.extensions.append(Extension(type: ExtensionType(rawValue: 0x6A6A), data: []))
            keyPackage.leafNode.capabilities.extensions.removeAll { $0.rawValue == 0x6A6A }
        },
        ForeignObjectCase(
            name: "no support for a GroupContext extension of the group",
            inGroup: .refused(.groupContextExtensionNotSupported(groupExtension)), inDirectory: .accepted,
            inGroupWithExtension: true
        ) { keyPackage in
            keyPackage.leafNode.capabilities.extensions.removeAll { $0 == groupExtension }
        },
    ]

    init(
        name: String, inGroup: Outcome, inDirectory: Outcome, inGroupWithExtension: Bool = false,
        supportsGroupParameters: Bool = true, edit: @escaping @Sendable (inout UnverifiedKeyPackage) -> Void
    ) {
        self.name = name
        self.inGroup = inGroup
        self.inDirectory = inDirectory
        self.inGroupWithExtension = inGroupWithExtension
        self.supportsGroupParameters = supportsGroupParameters
        self.edit = edit
    }

    /// The KeyPackage of `client` edited by this case and signed again.
    public func keyPackage(for client: Client) throws -> ForeignKeyPackage {
        try ForeignKeyPackage.make(for: client, edit: edit)
    }
}
