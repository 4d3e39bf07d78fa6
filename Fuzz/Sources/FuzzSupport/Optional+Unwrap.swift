/// The error of ``Swift/Optional/unwrap()``.
public struct MissingValue: Error {}

extension Optional {
    /// The value, or ``MissingValue`` thrown.
    public func unwrap() throws -> Wrapped {
        guard let self else { throw MissingValue() }
        return self
    }
}
