import struct Foundation.Date

/// Checking a lifetime against a time the caller supplies (RFC 9420 §7.2, §7.3).
extension Lifetime {
    /// Creates the lifetime that runs from `notBefore` to `notAfter`, truncated to whole seconds.
    ///
    /// Times before the Unix epoch become 0.
    public init(from notBefore: Date, to notAfter: Date) {
        self.init(notBefore: Self.unixSeconds(notBefore), notAfter: Self.unixSeconds(notAfter))
    }

    /// Whether `now` lies within `[not_before, not_after]`, both ends included.
    public func contains(_ now: Date) -> Bool {
        let seconds = Self.unixSeconds(now)
        return notBefore <= seconds && seconds <= notAfter
    }

    /// The length of the validity period in seconds; 0 when `not_after` precedes `not_before`.
    public var length: UInt64 { notAfter >= notBefore ? notAfter - notBefore : 0 }

    /// Whole seconds since the Unix epoch, clamped to the range of `UInt64`.
    static func unixSeconds(_ date: Date) -> UInt64 {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, interval > 0 else { return 0 }
        guard interval < 18_446_744_073_709_551_615.0 else { return .max }
        return UInt64(interval)
    }
}
