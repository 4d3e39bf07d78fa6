import MLS

/// What running one vector file produced.
public struct VectorReport: Sendable {
    /// The file's name as printed.
    public var name: String
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    /// One entry per failed case (or a single one when the file did not parse).
    public var failures: [VectorFailure] = []
    /// Why cases were skipped, one entry per distinct reason.
    public var skipReasons: [String] = []

    public init(name: String) { self.name = name }

    /// `NAME: N passed, M failed, K skipped`.
    public var summaryLine: String { "\(name): \(passed) passed, \(failed) failed, \(skipped) skipped" }
}

/// A failed test case, located by its index in the file and a JSON path inside it.
public struct VectorFailure: Error, Sendable, CustomStringConvertible {
    public var caseIndex: Int?
    public var message: String

    public init(caseIndex: Int?, message: String) {
        self.caseIndex = caseIndex
        self.message = message
    }

    public var description: String {
        if let caseIndex { return "case \(caseIndex): \(message)" }
        return message
    }
}

/// How one case ended when it did not fail.
public enum VectorOutcome: Sendable, Equatable {
    case passed
    case skipped(reason: String)
}

/// A value that differs from the vector's, with the JSON path of the field.
public struct VectorMismatch: Error, CustomStringConvertible {
    public var path: String
    public var expected: String
    public var actual: String

    public init(path: String, expected: String, actual: String) {
        self.path = path
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(path): expected \(expected), got \(actual)" }
}

/// A check inside a case that failed for a reason other than a value mismatch.
public struct VectorCheckFailed: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Throws a mismatch unless the bytes are equal.
public func expectEqual(_ actual: [UInt8], _ expected: [UInt8], _ path: String) throws {
    if actual != expected {
        throw VectorMismatch(path: path, expected: expected.hexString, actual: actual.hexString)
    }
}

/// Throws a mismatch unless the values are equal.
public func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ path: String) throws {
    if actual != expected {
        throw VectorMismatch(path: path, expected: "\(expected)", actual: "\(actual)")
    }
}

/// Throws unless the condition holds.
public func expectTrue(_ condition: Bool, _ path: String, _ reason: String) throws {
    if !condition { throw VectorCheckFailed(path, reason) }
}
