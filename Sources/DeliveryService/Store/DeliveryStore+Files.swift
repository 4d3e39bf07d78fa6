import Foundation

extension DeliveryStore {
    /// Opens the database at `path`, creating it and its parent directories when they do not exist.
    ///
    /// - Parameters:
    ///   - path: The database file, from `[storage] path`.
    ///   - synchronous: When commits reach the disk, from `[storage] synchronous`.
    /// - Throws: `StoreError.openFailed` when the directories cannot be made or the file cannot be opened.
    public static func creating(path: String, synchronous: SynchronousMode = .full) throws(StoreError)
        -> DeliveryStore
    {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                code: .openFailed, message: "cannot create the directory \(parent.path) for [storage] path", cause: error)
        }
        return try DeliveryStore(path: path, synchronous: synchronous)
    }

    /// Opens a database that must exist already, as the operator commands do.
    ///
    /// - Parameter path: The database file.
    /// - Throws: `StoreError.openFailed` when there is no file at `path` or it cannot be opened.
    public static func existing(path: String) throws(StoreError) -> DeliveryStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: .openFailed, message: "no database at \(path); has mlsgate run used this path?")
        }
        return try DeliveryStore(path: path)
    }
}
