/// An XEP-0004 data form, `<x xmlns='jabber:x:data'/>`: what room configuration (XEP-0045 §10.2), ad-hoc
/// commands (XEP-0050) and extended service discovery (XEP-0128) exchange.
///
/// A value type that reads and writes its XML; fields keep their order. `FORM_TYPE` (XEP-0068) is an ordinary
/// hidden field, read through ``formType``.
public struct DataForm: Hashable, Sendable {
    /// XEP-0004 §3.1 form types.
    public enum Kind: String, Hashable, Sendable {
        case form, submit, cancel, result
    }

    public var kind: Kind
    public var title: String?
    public var instructions: [String]
    public var fields: [DataFormField]

    public init(kind: Kind, title: String? = nil, instructions: [String] = [], fields: [DataFormField] = []) {
        self.kind = kind
        self.title = title
        self.instructions = instructions
        self.fields = fields
    }

    /// A form whose first field is the hidden `FORM_TYPE`.
    public init(kind: Kind, formType: String, title: String? = nil, fields: [DataFormField] = []) {
        self.init(
            kind: kind, title: title,
            fields: [DataFormField(variable: "FORM_TYPE", type: .hidden, values: [formType])] + fields)
    }

    /// The value of the hidden `FORM_TYPE` field, if there is one.
    public var formType: String? {
        field("FORM_TYPE")?.values.first
    }

    /// The field named `variable`.
    public func field(_ variable: String) -> DataFormField? {
        fields.first { $0.variable == variable }
    }

    /// The values of the field named `variable`, or nil when the form has no such field.
    public func values(_ variable: String) -> [String]? {
        field(variable)?.values
    }

    /// The single value of the field named `variable`, or nil when it is absent or empty.
    public func value(_ variable: String) -> String? {
        field(variable)?.values.first
    }

    /// Reads a form.
    ///
    /// - Throws: `DataFormError` when the element is not a `jabber:x:data` form or breaks XEP-0004.
    public init(_ element: XMLElement) throws(DataFormError) {
        guard element.name == "x", element.namespace == DataForm.namespace else {
            throw DataFormError("<\(element.name)/> is not an <x xmlns='\(DataForm.namespace)'/> form")
        }
        guard let typeText = element.attribute("type"), let kind = Kind(rawValue: typeText) else {
            throw DataFormError("the form's type must be form, submit, cancel or result")
        }
        var fields: [DataFormField] = []
        var seen = Set<String>()
        for child in element.elements where child.name == "field" && child.namespace == DataForm.namespace {
            let field = try DataFormField(child)
            if let variable = field.variable, !seen.insert(variable).inserted {
                throw DataFormError("the field \(variable) appears twice")
            }
            fields.append(field)
        }
        self.init(
            kind: kind,
            title: element.child(named: "title", namespace: DataForm.namespace)?.text,
            instructions: element.elements.filter { $0.name == "instructions" && $0.namespace == DataForm.namespace }
                .map(\.text),
            fields: fields)
    }

    /// The form as `<x xmlns='jabber:x:data'/>`.
    public var element: XMLElement {
        var x = XMLElement(name: "x", namespace: DataForm.namespace, attributes: [XMLAttribute(name: "type", value: kind.rawValue)])
        if let title { x.append(XMLElement(name: "title", namespace: DataForm.namespace, text: title)) }
        for line in instructions {
            x.append(XMLElement(name: "instructions", namespace: DataForm.namespace, text: line))
        }
        for field in fields { x.append(field.element) }
        return x
    }

    /// `jabber:x:data`.
    public static let namespace = "jabber:x:data"
}

/// A malformed data form.
public struct DataFormError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
