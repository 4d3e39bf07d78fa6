/// How hard SQLite pushes each committed transaction to the disk, from `[storage] synchronous`.
///
/// The database always runs in WAL mode, and with either mode a committed transaction survives a crash of the
/// mlsgate process: the write has reached the operating system before `write` returns. The modes differ when the
/// machine itself stops (power loss, kernel crash):
///
/// - ``full``: the WAL is synced (`fsync`) at every commit, so a transaction whose stanzas were sent survives;
/// - ``normal``: the WAL is synced only at checkpoints, so the last transactions before the stop may be lost,
///   although their stanzas (reflections, fetched KeyPackages) were already sent. The database stays consistent.
///
/// See <https://www.sqlite.org/pragma.html#pragma_synchronous>.
public enum SynchronousMode: String, CaseIterable, Sendable {
    /// `PRAGMA synchronous = FULL`: every commit is on the disk before the service acts on it. The default.
    case full
    /// `PRAGMA synchronous = NORMAL`: commits reach the disk at the next checkpoint.
    case normal

    /// The value of SQLite's `PRAGMA synchronous` for this mode.
    var pragmaLevel: Int {
        switch self {
        case .full: 2
        case .normal: 1
        }
    }
}
