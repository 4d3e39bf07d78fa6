/// One field of an XEP-0004 data form (§3.2).
public struct DataFormField: Hashable, Sendable {
    /// XEP-0004 §3.3 field types.
    public enum FieldType: String, Hashable, Sendable {
        case boolean, fixed, hidden
        case jidMulti = "jid-multi"
        case jidSingle = "jid-single"
        case listMulti = "list-multi"
        case listSingle = "list-single"
        case textMulti = "text-multi"
        case textPrivate = "text-private"
        case textSingle = "text-single"
    }

    /// A choice of a list field.
    public struct Option: Hashable, Sendable {
        public var label: String?
        public var value: String

        public init(_ value: String, label: String? = nil) {
            self.value = value
            self.label = label
        }
    }

    public var variable: String?
    public var type: FieldType?
    public var label: String?
    public var description: String?
    public var isRequired: Bool
    public var values: [String]
    public var options: [Option]

    public init(
        variable: String?, type: FieldType? = nil, label: String? = nil, description: String? = nil,
        isRequired: Bool = false, values: [String] = [], options: [Option] = []
    ) {
        self.variable = variable
        self.type = type
        self.label = label
        self.description = description
        self.isRequired = isRequired
        self.values = values
        self.options = options
    }

    /// A boolean field's value: `1`/`true` or `0`/`false` (XEP-0004 §3.3), nil when absent or not a boolean.
    public var booleanValue: Bool? {
        switch values.first {
        case "1", "true": true
        case "0", "false": false
        default: nil
        }
    }

    /// Reads a `<field/>`.
    public init(_ element: XMLElement) throws(DataFormError) {
        var type: FieldType?
        if let text = element.attribute("type") {
            guard let known = FieldType(rawValue: text) else {
                throw DataFormError("the field type \(text) is not one of XEP-0004's")
            }
            type = known
        }
        let variable = element.attribute("var")
        if variable == nil, type != .fixed {
            throw DataFormError("a field other than fixed needs a var")
        }
        let namespace = DataForm.namespace
        self.init(
            variable: variable, type: type, label: element.attribute("label"),
            description: element.child(named: "desc", namespace: namespace)?.text,
            isRequired: element.child(named: "required", namespace: namespace) != nil,
            values: element.elements.filter { $0.name == "value" && $0.namespace == namespace }.map(\.text),
            options: element.elements.filter { $0.name == "option" && $0.namespace == namespace }.map { option in
                Option(option.child(named: "value", namespace: namespace)?.text ?? "", label: option.attribute("label"))
            })
        if type == .boolean, let value = values.first, booleanValue == nil {
            throw DataFormError("the boolean field \(variable ?? "") has the value \(value)")
        }
    }

    /// The field as `<field/>`.
    public var element: XMLElement {
        let namespace = DataForm.namespace
        var field = XMLElement(name: "field", namespace: namespace)
        field.setAttribute("var", to: variable)
        field.setAttribute("type", to: type?.rawValue)
        field.setAttribute("label", to: label)
        if let description { field.append(XMLElement(name: "desc", namespace: namespace, text: description)) }
        if isRequired { field.append(XMLElement(name: "required", namespace: namespace)) }
        for value in values { field.append(XMLElement(name: "value", namespace: namespace, text: value)) }
        for option in options {
            var element = XMLElement(name: "option", namespace: namespace)
            element.setAttribute("label", to: option.label)
            element.append(XMLElement(name: "value", namespace: namespace, text: option.value))
            field.append(element)
        }
        return field
    }
}
