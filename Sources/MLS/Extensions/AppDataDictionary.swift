/// A component of the `app_data_dictionary` extension (draft-ietf-mls-extensions, "Component IDs").
///
/// ```text
/// uint16 ComponentID;
/// ```
public struct ComponentID: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `app_components` (0x0001): in a LeafNode, the components the client supports.
    public static let appComponents = ComponentID(rawValue: 0x0001)
    /// `safe_aad` (0x0002).
    public static let safeAAD = ComponentID(rawValue: 0x0002)
    /// `last_resort_key_package` (0x0004): marks a KeyPackage as its owner's last resort; no data.
    public static let lastResortKeyPackage = ComponentID(rawValue: 0x0004)

    public static func < (lhs: ComponentID, rhs: ComponentID) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ComponentID: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { rawValue = try reader.readUInt16() }
}

/// One entry of an `app_data_dictionary`.
///
/// ```text
/// struct {
///     ComponentID component_id;
///     opaque data<V>;
/// } ComponentData;
/// ```
public struct ComponentData: Hashable, Sendable {
    public var id: ComponentID
    public var data: [UInt8]

    public init(id: ComponentID, data: [UInt8]) {
        self.id = id
        self.data = data
    }
}

extension ComponentData: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(id)
        writer.writeOpaque(data)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        id = try reader.read()
        data = try reader.readOpaque()
    }
}

/// The `app_data_dictionary` extension (draft-ietf-mls-extensions, "Attaching Application Data to MLS
/// Messages"), extension type 0x0006: application data keyed by component.
///
/// ```text
/// struct {
///     ComponentData component_data<V>;
/// } AppDataDictionary;
/// ```
///
/// "The entries in the `component_data` MUST be sorted by `component_id`, and there MUST be at most one entry
/// for each `component_id`": the initializers enforce it, so a value that exists is well formed.
public struct AppDataDictionary: Hashable, Sendable {
    public let entries: [ComponentData]

    /// - Throws: `CodecError.invalidValue` when the entries are not sorted by component or repeat one.
    public init(entries: [ComponentData]) throws(CodecError) {
        for (previous, next) in zip(entries, entries.dropFirst()) where previous.id >= next.id {
            throw .invalidValue(field: "AppDataDictionary.component_data", value: UInt64(next.id.rawValue))
        }
        self.entries = entries
    }

    /// The dictionary of an extension list, nil when it has none.
    ///
    /// - Throws: `CodecError` when the extension does not decode as a well-formed dictionary.
    public init?(in extensions: [Extension]) throws(CodecError) {
        guard let entry = extensions.first(where: { $0.type == .appDataDictionary }) else { return nil }
        self = try AppDataDictionary(tlsEncoded: entry.data)
    }

    /// The data of a component, nil when the dictionary has no entry for it.
    public subscript(component: ComponentID) -> [UInt8]? { entries.first { $0.id == component }?.data }

    /// The dictionary as an `app_data_dictionary` extension.
    public var `extension`: Extension { Extension(type: .appDataDictionary, data: tlsEncoded) }
}

extension AppDataDictionary: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.writeVector(entries) }

    public init(from reader: inout TLSReader) throws(CodecError) {
        try self.init(entries: try reader.readVector())
    }
}

/// A list of components, the data of the `app_components` and `safe_aad` components.
///
/// ```text
/// struct {
///     ComponentID component_ids<V>;
/// } ComponentsList;
/// ```
public struct ComponentsList: Hashable, Sendable {
    public var ids: [ComponentID]
    public init(ids: [ComponentID]) { self.ids = ids }
}

extension ComponentsList: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.writeVector(ids) }
    public init(from reader: inout TLSReader) throws(CodecError) { ids = try reader.readVector() }
}

extension ExtensionType {
    /// `app_data_dictionary` (draft-ietf-mls-extensions, suggested value 0x0006).
    public static let appDataDictionary = ExtensionType(rawValue: 0x0006)
}
