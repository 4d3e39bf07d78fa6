import XMPP

/// Reading a submitted form's fields, each refused with `not-acceptable` naming the field when its values do not
/// fit its type. A field left out reads as nil.
extension DataForm {
    /// The value of a boolean, list-single or text-single field, which carries one (XEP-0004 §3.3).
    func single(_ variable: String) throws(StanzaError) -> String? {
        guard let values = values(variable), !values.isEmpty else { return nil }
        guard values.count == 1 else {
            throw StanzaError(.notAcceptable, text: "\(variable) takes one value, not \(values.count)")
        }
        return values[0]
    }

    /// A boolean field: `1`/`true` or `0`/`false`.
    func bool(_ variable: String) throws(StanzaError) -> Bool? {
        guard try single(variable) != nil, let field = field(variable) else { return nil }
        guard let value = field.booleanValue else {
            throw StanzaError(.notAcceptable, text: "\(variable) must be 1 or 0")
        }
        return value
    }

    /// A list-single field whose options are the cases of `Value`.
    func choice<Value: RawRepresentable & CaseIterable>(_ variable: String, of _: Value.Type) throws(StanzaError)
        -> Value? where Value.RawValue == String
    {
        guard let text = try single(variable) else { return nil }
        guard let value = Value(rawValue: text) else {
            let options = Value.allCases.map(\.rawValue).joined(separator: " or ")
            throw StanzaError(.notAcceptable, text: "\(variable) must be \(options)")
        }
        return value
    }

    /// A jid-multi field of bare JIDs, each once, in the order given.
    func bareJIDs(_ variable: String) throws(StanzaError) -> [String]? {
        guard let values = values(variable) else { return nil }
        var result: [String] = []
        for value in values {
            guard let jid = try? JID(value), jid.resourcepart == nil else {
                throw StanzaError(.notAcceptable, text: "\(variable): \(value) is not a bare JID")
            }
            if !result.contains(jid.description) { result.append(jid.description) }
        }
        return result
    }
}
