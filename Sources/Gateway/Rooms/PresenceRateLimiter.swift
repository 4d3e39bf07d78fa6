import Foundation
import XMPP

/// A token bucket per user (bare JID) for entering rooms: each join makes the room send a presence to every
/// occupant, so a user looping on joins and leaves would flood everyone.
///
/// Memory stays bounded: when more than ``maxTrackedUsers`` buckets exist, the full ones (users idle long enough
/// to have their whole burst back) are forgotten, which changes nothing for them.
struct PresenceRateLimiter: Sendable {
    private struct Bucket: Sendable {
        var tokens: Double
        var updated: Date
    }

    /// Buckets kept before the full ones are pruned.
    static let maxTrackedUsers = 10_000

    private let burst: Double
    private let perSecond: Double
    private var buckets: [JID: Bucket] = [:]

    init(limits: RoomLimits) {
        burst = Double(max(limits.presenceBurst, 1))
        perSecond = Double(max(limits.presencesPerMinute, 1)) / 60
    }

    /// Takes one token from the sender's bucket.
    /// - Returns: Whether the presence may be handled now.
    mutating func admit(_ sender: JID, now: Date) -> Bool {
        let user = sender.bare
        var bucket = buckets[user] ?? Bucket(tokens: burst, updated: now)
        bucket.tokens = min(burst, bucket.tokens + max(now.timeIntervalSince(bucket.updated), 0) * perSecond)
        bucket.updated = now
        let admitted = bucket.tokens >= 1
        if admitted { bucket.tokens -= 1 }
        buckets[user] = bucket
        if buckets.count > Self.maxTrackedUsers { prune(now: now) }
        return admitted
    }

    private mutating func prune(now: Date) {
        buckets = buckets.filter { _, bucket in
            bucket.tokens + max(now.timeIntervalSince(bucket.updated), 0) * perSecond < burst
        }
    }

    /// How many users are tracked now, for tests.
    var trackedUsers: Int { buckets.count }
}
