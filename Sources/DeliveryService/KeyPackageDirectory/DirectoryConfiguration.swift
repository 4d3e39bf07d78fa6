import MLS

/// The KeyPackage directory's policy.
public struct DirectoryConfiguration: Sendable {
    /// Suites a KeyPackage may use. Default: every suite the default crypto provider implements.
    public var enabledSuites: Set<CipherSuite>
    /// The longest KeyPackage lifetime accepted, in seconds (RFC 9750 §7). Default 366 days: common
    /// implementations such as mls-rs issue one-year KeyPackages, and a day's margin absorbs their clock
    /// allowance.
    public var maximumLifetime: UInt64
    /// Fetches one requester may make of one target per window. Default 10: enough to add a user to a few rooms
    /// at once, too few to drain a stock of dozens.
    public var fetchQuota: Int
    /// The quota window in seconds. Default one hour.
    public var quotaWindow: UInt64
    /// When a fetch leaves an owner with fewer ordinary KeyPackages than this, the owner is told. Default 5.
    public var lowMark: Int
    /// The largest KeyPackage accepted, in bytes. Default 16 KiB: a KeyPackage with a basic credential is a few
    /// hundred bytes; an X.509 chain stays well under this.
    public var maximumKeyPackageBytes: Int
    /// The most KeyPackages one publish may carry. Default 100.
    public var maximumPerPublish: Int
    /// Maps an X.509 chain to the bare JID it certifies, or nil when it names none. Default: none, so X.509
    /// credentials are refused.
    public var x509Identity: (@Sendable ([Certificate]) -> String?)?

    public init(
        enabledSuites: Set<CipherSuite> = Set(DefaultCryptoProvider().supportedCipherSuites),
        maximumLifetime: UInt64 = 366 * 86_400,
        fetchQuota: Int = 10,
        quotaWindow: UInt64 = 3_600,
        lowMark: Int = 5,
        maximumKeyPackageBytes: Int = 16 * 1024,
        maximumPerPublish: Int = 100,
        x509Identity: (@Sendable ([Certificate]) -> String?)? = nil
    ) {
        self.enabledSuites = enabledSuites
        self.maximumLifetime = maximumLifetime
        self.fetchQuota = fetchQuota
        self.quotaWindow = quotaWindow
        self.lowMark = lowMark
        self.maximumKeyPackageBytes = maximumKeyPackageBytes
        self.maximumPerPublish = maximumPerPublish
        self.x509Identity = x509Identity
    }
}
