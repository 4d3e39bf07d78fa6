/// One KeyPackage in a publish request, as the `<key-package/>` element carries it.
public struct KeyPackageUpload: Hashable, Sendable {
    /// The TLS encoding of an MLSMessage whose body is a KeyPackage.
    public var bytes: [UInt8]
    /// Whether this is the client's last-resort KeyPackage, served only when nothing else is left, and kept.
    public var lastResort: Bool

    public init(bytes: [UInt8], lastResort: Bool = false) {
        self.bytes = bytes
        self.lastResort = lastResort
    }
}
