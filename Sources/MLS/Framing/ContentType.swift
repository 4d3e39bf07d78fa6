/// The kind of content a framed message carries (RFC 9420 §6).
///
/// ```text
/// enum {
///     reserved(0),
///     application(1),
///     proposal(2),
///     commit(3),
///     (255)
/// } ContentType;
/// ```
public enum ContentType: UInt8, Hashable, Sendable {
    case application = 1
    case proposal = 2
    case commit = 3
}

extension ContentType: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(rawValue) }
    public init(from reader: inout TLSReader) throws(CodecError) { self = try reader.readEnum(field: "ContentType") }
}
