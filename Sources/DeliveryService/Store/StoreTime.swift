import Foundation

/// How the store records times: whole seconds since the Unix epoch.
enum StoreTime {
    /// The date as whole seconds, clamped to what SQLite's 64-bit integers hold.
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        guard value.isFinite else { return value > 0 ? Int64.max : Int64.min }
        return Int64(max(min(value, 9.0e18), -9.0e18))
    }

    /// The date of a time the store recorded.
    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
