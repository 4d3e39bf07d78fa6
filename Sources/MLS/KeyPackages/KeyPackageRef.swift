/// The hash that names a KeyPackage (RFC 9420 §5.2).
///
/// ```text
/// opaque HashReference<V>;
/// HashReference KeyPackageRef;
///
/// KeyPackageRef = RefHash("MLS 1.0 KeyPackage Reference", KeyPackage)
/// ```
public struct KeyPackageRef: Hashable, Sendable {
    /// The reference's bytes, `KDF.Nh` long.
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Computes the reference of a key package with its cipher suite's hash.
    ///
    /// - Parameters:
    ///   - keyPackage: The key package, hashed in its encoded form including the signature.
    ///   - provider: The key package's cipher suite.
    public init(keyPackage: UnverifiedKeyPackage, provider: some CipherSuiteProvider) {
        bytes = provider.keyPackageRef(encodedKeyPackage: keyPackage.tlsEncoded)
    }
}

extension KeyPackageRef: CustomStringConvertible {
    public var description: String {
        bytes.hexString
    }
}
