import Foundation

/// How times are stored: whole seconds since the Unix epoch.
enum DirectoryTime {
    /// The date as whole seconds, clamped to the representable range.
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        guard value.isFinite else { return value > 0 ? Int64.max : Int64.min }
        return Int64(clamping: Int64(exactly: max(min(value, 9.0e18), -9.0e18)) ?? 0)
    }
}
