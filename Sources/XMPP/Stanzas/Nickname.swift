import Foundation

/// Nicknames compared as the PRECIS Nickname profile says (RFC 8266 §2.4): `Olga` and `olga`, or `a b` and
/// `a  b`, are one nick. XEP-0045 leaves how room nicks conflict to the service; this is MLSGate's rule.
public enum Nickname {
    /// The form two nicks are compared in: equal forms are the same nick.
    ///
    /// Following RFC 8266 §2.4, in order: the additional mapping rule (non-ASCII spaces become U+0020, leading and
    /// trailing spaces go, runs of spaces become one), the case mapping rule (Unicode toLowerCase) and the
    /// normalization rule (NFKC).
    public static func comparisonForm(_ nick: String) -> String {
        var mapped = ""
        var pendingSpace = false
        for scalar in nick.unicodeScalars {
            if scalar.properties.generalCategory == .spaceSeparator {
                pendingSpace = !mapped.isEmpty
                continue
            }
            if pendingSpace {
                mapped.append(" ")
                pendingSpace = false
            }
            mapped.unicodeScalars.append(scalar)
        }
        return mapped.lowercased().precomposedStringWithCompatibilityMapping
    }

    /// Whether a nick is empty or invisible once mapped: spaces only, which XEP-0045 (Business Rules, Addresses)
    /// forbids as a room nick.
    public static func isInvisible(_ nick: String) -> Bool {
        comparisonForm(nick).isEmpty
    }

    /// Whether two nicks are the same nick.
    public static func same(_ a: String, _ b: String) -> Bool {
        comparisonForm(a) == comparisonForm(b)
    }
}
