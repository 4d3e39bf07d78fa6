/// The XEP-0114 shared secret of the component.
///
/// It prints redacted and compares in time that depends on its length only, so that a logged or dumped
/// ``ComponentConfiguration`` never shows it. XMPP cannot import MLS, whose `Secret` holds key material; this is the
/// XMPP module's own wrapper for its one secret, text rather than bytes.
public struct ComponentSecret: Sendable {
    /// The secret, for the handshake digest only.
    let value: String

    /// - Parameter value: The secret as configured on the XMPP server.
    public init(_ value: String) {
        self.value = value
    }

    /// Whether no secret was given.
    public var isEmpty: Bool { value.isEmpty }
}

extension ComponentSecret: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

extension ComponentSecret: Equatable {
    /// Constant-time over the UTF-8 bytes once the lengths agree; the length is not secret.
    public static func == (lhs: ComponentSecret, rhs: ComponentSecret) -> Bool {
        let left = Array(lhs.value.utf8)
        let right = Array(rhs.value.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}

extension ComponentSecret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `ComponentSecret(redacted)`; not even the length.
    public var description: String { "ComponentSecret(redacted)" }

    public var debugDescription: String { description }

    /// No children, so `dump` shows nothing of the secret either.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
