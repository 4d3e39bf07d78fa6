/// How a resumption PSK is used (RFC 9420 §8.4).
///
/// ```text
/// enum { reserved(0), application(1), reinit(2), branch(3), (255) } ResumptionPSKUsage;
/// ```
public enum ResumptionPSKUsage: UInt8, Hashable, Sendable {
    case application = 1
    case reinit = 2
    case branch = 3
}

/// Identifies a pre-shared key injected into the key schedule (RFC 9420 §8.4).
///
/// ```text
/// struct {
///   PSKType psktype;
///   select (PreSharedKeyID.psktype) {
///     case external:   opaque psk_id<V>;
///     case resumption: ResumptionPSKUsage usage; opaque psk_group_id<V>; uint64 psk_epoch;
///   };
///   opaque psk_nonce<V>;
/// } PreSharedKeyID;
/// ```
public struct PreSharedKeyID: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `external(1)`: a PSK the application provisioned out of band.
        case external(id: [UInt8])
        /// `resumption(2)`: the `resumption_psk` of an earlier epoch of some group.
        case resumption(usage: ResumptionPSKUsage, groupID: [UInt8], epoch: UInt64)
    }

    public var kind: Kind
    /// A fresh random value of length `KDF.Nh` each time the PSK is injected.
    public var nonce: [UInt8]

    public init(kind: Kind, nonce: [UInt8]) {
        self.kind = kind
        self.nonce = nonce
    }
}

extension PreSharedKeyID: TLSCodable {
    public func encode(to writer: inout TLSWriter) {
        switch kind {
        case .external(let id):
            writer.write(UInt8(1))
            writer.writeOpaque(id)
        case .resumption(let usage, let groupID, let epoch):
            writer.write(UInt8(2))
            writer.write(usage.rawValue)
            writer.writeOpaque(groupID)
            writer.write(epoch)
        }
        writer.writeOpaque(nonce)
    }

    public init(from reader: inout TLSReader) throws(CodecError) {
        let type = try reader.readUInt8()
        switch type {
        case 1:
            kind = .external(id: try reader.readOpaque())
        case 2:
            let rawUsage = try reader.readUInt8()
            guard let usage = ResumptionPSKUsage(rawValue: rawUsage) else {
                throw .invalidValue(field: "ResumptionPSKUsage", value: UInt64(rawUsage))
            }
            kind = .resumption(usage: usage, groupID: try reader.readOpaque(), epoch: try reader.readUInt64())
        default:
            throw .invalidValue(field: "PSKType", value: UInt64(type))
        }
        nonce = try reader.readOpaque()
    }
}
