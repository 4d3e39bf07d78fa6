/// What an owner has left in the directory.
public struct KeyPackageStock: Hashable, Sendable {
    /// Ordinary (single-use) KeyPackages that are still current.
    public var available: Int
    /// Whether a current last-resort KeyPackage is stored.
    public var hasLastResort: Bool
}
