/// Where a leaf node came from, with the data that depends on it (RFC 9420 §7.2).
///
/// ```text
/// enum {
///     reserved(0),
///     key_package(1),
///     update(2),
///     commit(3),
///     (255)
/// } LeafNodeSource;
///
/// select (LeafNode.leaf_node_source) {
///     case key_package: Lifetime lifetime;
///     case update:      struct{};
///     case commit:      opaque parent_hash<V>;
/// };
/// ```
public enum LeafNodeSource: Hashable, Sendable {
    case keyPackage(Lifetime)
    case update
    case commit(parentHash: [UInt8])

    /// The one-octet `LeafNodeSource` value.
    public var rawType: UInt8 {
        switch self {
        case .keyPackage: 1
        case .update: 2
        case .commit: 3
        }
    }
}

extension LeafNodeSource: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(rawType)
        switch self {
        case .keyPackage(let lifetime): writer.write(lifetime)
        case .update: break
        case .commit(let parentHash): writer.writeOpaque(parentHash)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let type = try reader.readUInt8()
        switch type {
        case 1: self = .keyPackage(try reader.read())
        case 2: self = .update
        case 3: self = .commit(parentHash: try reader.readOpaque())
        default: throw .invalidValue(field: "LeafNodeSource", value: UInt64(type))
        }
    }
}
