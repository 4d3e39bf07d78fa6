extension UnverifiedKeyPackage {
    /// Whether the KeyPackage is marked as its owner's last resort (RFC 9420 §16.8): its `app_data_dictionary`
    /// extension holds the `last_resort_key_package` component (draft-ietf-mls-extensions, "Last-Resort
    /// KeyPackages").
    ///
    /// A dictionary that does not decode marks nothing; it is otherwise ignored, as unknown KeyPackage
    /// extensions are (§10).
    public var isLastResort: Bool {
        guard let dictionary = try? AppDataDictionary(in: extensions) else { return false }
        return dictionary[.lastResortKeyPackage] != nil
    }
}

extension KeyPackageBundle {
    /// What a last-resort KeyPackage adds to its owner's capabilities and extensions: the
    /// `last_resort_key_package` component, empty, in the KeyPackage's `app_data_dictionary`; the
    /// `app_data_dictionary` type in the capabilities (§10: KeyPackage extensions are listed there); and, since
    /// a client advertising `app_data_dictionary` "MUST understand and advertise the `app_components`
    /// component", an `app_data_dictionary` in the leaf whose `app_components` lists the components this
    /// client understands.
    ///
    /// - Returns: The capabilities, leaf extensions and KeyPackage extensions to make the KeyPackage with.
    public static func lastResort(
        capabilities: Capabilities, leafExtensions: [Extension] = [], extensions: [Extension] = []
    ) -> (capabilities: Capabilities, leafExtensions: [Extension], extensions: [Extension]) {
        var capabilities = capabilities
        if !capabilities.extensions.contains(.appDataDictionary) { capabilities.extensions.append(.appDataDictionary) }
        // Sorted single entries: both dictionaries are well formed by construction.
        let supported = ComponentsList(ids: [.lastResortKeyPackage])
        let leafDictionary = try? AppDataDictionary(entries: [ComponentData(id: .appComponents, data: supported.tlsEncoded)])
        let marker = try? AppDataDictionary(entries: [ComponentData(id: .lastResortKeyPackage, data: [])])
        return (
            capabilities,
            leafExtensions.filter { $0.type != .appDataDictionary } + [leafDictionary?.extension].compactMap { $0 },
            extensions.filter { $0.type != .appDataDictionary } + [marker?.extension].compactMap { $0 }
        )
    }
}
