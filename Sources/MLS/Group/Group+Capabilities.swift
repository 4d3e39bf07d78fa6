extension Group {
    /// Checks, on our own sending side, that a leaf supports the group's protocol version and cipher suite.
    ///
    /// RFC 9420 §11 makes this the duty of whoever picks the group's parameters: "the creator MUST use the
    /// `capabilities` information in these KeyPackages to verify that the chosen version and cipher suite is
    /// the best option supported by all members." Leaf validation (§7.3) and KeyPackage validation (§10.1)
    /// have no such step, so a received tree, Add or commit is never refused for it; only a group we create
    /// and a member we add are checked.
    ///
    /// - Parameters:
    ///   - capabilities: The capabilities of our own leaf or of a KeyPackage we are about to add.
    ///   - suite: The group's cipher suite.
    /// - Throws: `GroupError.groupParametersNotInCapabilities` when mls10 or `suite` is not listed.
    static func checkSupportsGroupParameters(_ capabilities: Capabilities, suite: CipherSuite) throws(GroupError) {
        guard capabilities.versions.contains(.mls10), capabilities.cipherSuites.contains(suite) else {
            throw .groupParametersNotInCapabilities(suite)
        }
    }

    /// Applies `checkSupportsGroupParameters` to every Add among proposals we send.
    func checkAddsSupportGroupParameters(_ proposals: [Proposal]) throws(GroupError) {
        for case .add(let keyPackage) in proposals {
            try Self.checkSupportsGroupParameters(keyPackage.leafNode.capabilities, suite: context.cipherSuite)
        }
    }
}
