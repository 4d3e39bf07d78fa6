/// A credential binding an identity to a signature key (RFC 9420 §5.3).
///
/// Only `basic` and `x509` have a defined body, so a credential of any other type cannot be
/// decoded: its length is unknown.
///
/// ```text
/// struct {
///     CredentialType credential_type;
///     select (Credential.credential_type) {
///         case basic:
///             opaque identity<V>;
///         case x509:
///             Certificate certificates<V>;
///     };
/// } Credential;
/// ```
public enum Credential: Hashable, Sendable {
    /// A bare identity whose format the application defines.
    case basic(identity: [UInt8])
    /// An X.509 chain, end-entity certificate first.
    case x509(certificates: [Certificate])

    public var type: CredentialType {
        switch self {
        case .basic: .basic
        case .x509: .x509
        }
    }
}

extension Credential: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        writer.write(type)
        switch self {
        case .basic(let identity): writer.writeOpaque(identity)
        case .x509(let certificates): writer.writeVector(certificates)
        }
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let type = try reader.read(CredentialType.self)
        switch type {
        case .basic: self = .basic(identity: try reader.readOpaque())
        case .x509: self = .x509(certificates: try reader.readVector(of: Certificate.self))
        default: throw .invalidValue(field: "CredentialType", value: UInt64(type.rawValue))
        }
    }
}
