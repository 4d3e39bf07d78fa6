/// The secrets a Welcome encrypts to each new member (RFC 9420 §12.4.3.1).
///
/// ```text
/// struct {
///   opaque joiner_secret<V>;
///   optional<PathSecret> path_secret;
///   PreSharedKeyID psks<V>;
/// } GroupSecrets;
/// ```
public struct GroupSecrets: Equatable, Sendable {
    /// The new epoch's `joiner_secret`.
    public var joinerSecret: Secret
    public var pathSecret: PathSecret?
    public var psks: [PreSharedKeyID]

    public init(joinerSecret: Secret, pathSecret: PathSecret?, psks: [PreSharedKeyID]) {
        self.joinerSecret = joinerSecret
        self.pathSecret = pathSecret
        self.psks = psks
    }
}

extension GroupSecrets: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(joinerSecret.bytes)
        writer.writeOptional(pathSecret)
        writer.writeVector(psks)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        joinerSecret = Secret(try reader.readOpaque())
        pathSecret = try reader.readOptional()
        psks = try reader.readVector()
    }
}
