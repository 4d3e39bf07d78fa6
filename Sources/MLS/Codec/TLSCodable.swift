/// A value with a TLS presentation-language encoding (RFC 9420 §2.1).
public protocol TLSEncodable {
    func encode(to writer: inout TLSWriter)
}

/// A value that can be decoded from untrusted TLS-encoded input.
public protocol TLSDecodable {
    init(from reader: inout TLSReader) throws(CodecError)
}

public typealias TLSCodable = TLSEncodable & TLSDecodable

extension TLSEncodable {
    /// The value's encoding.
    public var tlsEncoded: [UInt8] {
        var writer = TLSWriter()
        encode(to: &writer)
        return writer.bytes
    }
}

extension TLSDecodable {
    /// Decodes a value that must span the whole input: trailing bytes are an error.
    public init(tlsEncoded bytes: [UInt8]) throws(CodecError) {
        var reader = TLSReader(bytes)
        self = try Self(from: &reader)
        try reader.finish()
    }
}

extension UInt8: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(self) }
    public init(from reader: inout TLSReader) throws(CodecError) { self = try reader.readUInt8() }
}

extension UInt16: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(self) }
    public init(from reader: inout TLSReader) throws(CodecError) { self = try reader.readUInt16() }
}

extension UInt32: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(self) }
    public init(from reader: inout TLSReader) throws(CodecError) { self = try reader.readUInt32() }
}

extension UInt64: TLSCodable {
    public func encode(to writer: inout TLSWriter) { writer.write(self) }
    public init(from reader: inout TLSReader) throws(CodecError) { self = try reader.readUInt64() }
}
