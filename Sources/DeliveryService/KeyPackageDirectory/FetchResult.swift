/// The KeyPackages a fetch handed out, and whether the owner must now be told to publish more.
public struct FetchResult: Hashable, Sendable {
    /// One KeyPackage per client of the target in the requested suite, as MLSMessage bytes.
    public var keyPackages: [[UInt8]]
    /// The owner's stock after the fetch when this fetch took it below the low mark; nil otherwise.
    /// The caller sends the owner a low-keypackages notice when it is set.
    public var lowStock: KeyPackageStock?

    public init(keyPackages: [[UInt8]], lowStock: KeyPackageStock?) {
        self.keyPackages = keyPackages
        self.lowStock = lowStock
    }
}
