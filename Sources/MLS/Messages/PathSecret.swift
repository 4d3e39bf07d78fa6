/// The path secret a joiner receives for the lowest node it shares with the committer (RFC 9420 §12.4.3.1).
///
/// ```text
/// struct {
///   opaque path_secret<V>;
/// } PathSecret;
/// ```
public struct PathSecret: Hashable, Sendable {
    public var secret: [UInt8]

    public init(secret: [UInt8]) { self.secret = secret }
}

extension PathSecret: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.writeOpaque(secret) }
    public init(from reader: inout TLSReader) throws(CodecError) { secret = try reader.readOpaque() }
}
