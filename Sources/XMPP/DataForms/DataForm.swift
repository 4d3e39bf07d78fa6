/// An XEP-0004 data form, `<x xmlns='jabber:x:data'/>`: what room configuration (XEP-0045 §10.2), ad-hoc
/// commands (XEP-0050) and extended service discovery (XEP-0128) exchange.
///
/// A value type that reads and writes its XML; fields keep their order. `FORM_TYPE` (XEP-0068) is an ordinary
/// hidden field, read through ``formType``. A result may instead be a table (§3.4): a ``reported`` header and
/// ``items`` rows, each row holding a field for every reported column.
///
/// ```text
/// <x type='result'><reported><field var='room' label='Room'/>…</reported>
///                  <item><field var='room'><value>lobby@mls.example.org</value></field>…</item>…</x>
/// ```
public struct DataForm: Hashable, Sendable {
    /// XEP-0004 §3.1 form types.
    public enum Kind: String, Hashable, Sendable {
        case form, submit, cancel, result
    }

    public var kind: Kind
    public var title: String?
    public var instructions: [String]
    public var fields: [DataFormField]
    /// §3.4: the columns of a table of results, or nil when the form is not a table.
    public var reported: [DataFormField]?
    /// §3.4: the rows of a table of results, each with one field per ``reported`` column.
    public var items: [[DataFormField]]

    public init(
        kind: Kind, title: String? = nil, instructions: [String] = [], fields: [DataFormField] = [],
        reported: [DataFormField]? = nil, items: [[DataFormField]] = []
    ) {
        self.kind = kind
        self.title = title
        self.instructions = instructions
        self.fields = fields
        self.reported = reported
        self.items = items
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
        let (reported, items) = try Self.readTable(element)
        self.init(
            kind: kind,
            title: element.child(named: "title", namespace: DataForm.namespace)?.text,
            instructions: element.elements.filter { $0.name == "instructions" && $0.namespace == DataForm.namespace }
                .map(\.text),
            fields: fields, reported: reported, items: items)
    }

    /// §3.4: at most one `<reported/>`, and `<item/>`s only with it, each holding every reported field once and
    /// no other. The order of `<reported/>` and `<item/>` is not checked, as §3.4 asks of readers.
    private static func readTable(_ element: XMLElement) throws(DataFormError)
        -> (reported: [DataFormField]?, items: [[DataFormField]])
    {
        let reportedElements = element.elements.filter { $0.name == "reported" && $0.namespace == namespace }
        let itemElements = element.elements.filter { $0.name == "item" && $0.namespace == namespace }
        guard reportedElements.count <= 1 else { throw DataFormError("a form has at most one <reported/>") }
        guard let header = reportedElements.first else {
            guard itemElements.isEmpty else { throw DataFormError("<item/> rows need a <reported/> header") }
            return (nil, [])
        }
        let reported = try fields(of: header)
        let columns = reported.compactMap(\.variable)
        guard !columns.isEmpty, columns.count == reported.count else {
            throw DataFormError("every <reported/> field needs a var")
        }
        var items: [[DataFormField]] = []
        for (index, row) in itemElements.enumerated() {
            let cells = try fields(of: row)
            guard cells.compactMap(\.variable).sorted() == columns.sorted() else {
                throw DataFormError(
                    "<item/> \(index + 1) must hold exactly the reported fields \(columns.joined(separator: ", "))")
            }
            items.append(cells)
        }
        return (reported, items)
    }

    /// The fields of a `<reported/>` or `<item/>`, each var at most once.
    private static func fields(of element: XMLElement) throws(DataFormError) -> [DataFormField] {
        var fields: [DataFormField] = []
        var seen = Set<String>()
        for child in element.elements where child.name == "field" && child.namespace == namespace {
            let field = try DataFormField(child)
            if let variable = field.variable, !seen.insert(variable).inserted {
                throw DataFormError("the field \(variable) appears twice in <\(element.name)/>")
            }
            fields.append(field)
        }
        return fields
    }

    /// The form as `<x xmlns='jabber:x:data'/>`.
    public var element: XMLElement {
        var x = XMLElement(name: "x", namespace: DataForm.namespace, attributes: [XMLAttribute(name: "type", value: kind.rawValue)])
        if let title { x.append(XMLElement(name: "title", namespace: DataForm.namespace, text: title)) }
        for line in instructions {
            x.append(XMLElement(name: "instructions", namespace: DataForm.namespace, text: line))
        }
        for field in fields { x.append(field.element) }
        if let reported {
            let namespace = DataForm.namespace
            let header = reported.map { XMLNode.element($0.element) }
            x.append(XMLElement(name: "reported", namespace: namespace, children: header))
            for row in items {
                x.append(XMLElement(name: "item", namespace: namespace, children: row.map { .element($0.element) }))
            }
        }
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
