import Testing
import XMPP

@Suite struct DataFormTests {
    private func field(_ variable: String, _ values: [String], type: DataFormField.FieldType? = nil) -> XMLElement {
        var element = XMLElement(name: "field", namespace: DataForm.namespace)
        element.setAttribute("var", to: variable)
        element.setAttribute("type", to: type?.rawValue)
        for value in values { element.append(XMLElement(name: "value", namespace: DataForm.namespace, text: value)) }
        return element
    }

    private func form(_ type: String, _ fields: [XMLElement]) -> XMLElement {
        XMLElement(
            name: "x", namespace: DataForm.namespace, attributes: [XMLAttribute(name: "type", value: type)],
            children: fields.map { .element($0) })
    }

    @Test func aSubmittedFormReadsItsTypeAndValues() throws {
        let parsed = try DataForm(form("submit", [
            field("FORM_TYPE", ["http://jabber.org/protocol/muc#roomconfig"], type: .hidden),
            field("muc#roomconfig_membersonly", ["1"], type: .boolean),
            field("muc#roomconfig_roomadmins", ["a@example.org", "b@example.org"]),
        ]))
        #expect(parsed.kind == .submit)
        #expect(parsed.formType == "http://jabber.org/protocol/muc#roomconfig")
        #expect(parsed.field("muc#roomconfig_membersonly")?.booleanValue == true)
        #expect(parsed.values("muc#roomconfig_roomadmins") == ["a@example.org", "b@example.org"])
        #expect(parsed.value("absent") == nil)
    }

    @Test func aFormWrittenAndReadAgainIsTheSame() throws {
        let original = DataForm(
            kind: .form, formType: "urn:example", title: "Settings",
            fields: [
                DataFormField(
                    variable: "choice", type: .listSingle, label: "Pick", isRequired: true, values: ["b"],
                    options: [.init("a", label: "A"), .init("b")]),
                DataFormField(variable: "flag", type: .boolean, values: ["0"]),
                DataFormField(variable: nil, type: .fixed, values: ["a note"]),
            ])
        #expect(try DataForm(original.element) == original)
    }

    @Test func malformedFormsAreRefusedWithTheReason() {
        #expect(throws: DataFormError.self) { try DataForm(form("nonsense", [])) }
        #expect(throws: DataFormError.self) { try DataForm(form("submit", [field("a", ["1"]), field("a", ["2"])])) }
        #expect(throws: DataFormError.self) { try DataForm(form("submit", [field("b", ["yes"], type: .boolean)])) }
        #expect(throws: DataFormError.self) {
            try DataForm(XMLElement(name: "x", namespace: "urn:other", attributes: [XMLAttribute(name: "type", value: "form")]))
        }
        var unnamed = XMLElement(name: "field", namespace: DataForm.namespace)
        unnamed.setAttribute("type", to: "text-single")
        #expect(throws: DataFormError.self) { try DataForm(form("submit", [unnamed])) }
    }
}
