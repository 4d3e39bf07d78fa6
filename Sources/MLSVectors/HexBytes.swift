import MLS

/// Hex-encoded binary data as the vector files carry it; parsed by MLS's `[UInt8](hex:)`.
public struct HexBytes: Decodable, Sendable, Equatable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let bytes = [UInt8](hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "invalid hex string"))
        }
        self.bytes = bytes
    }
}
