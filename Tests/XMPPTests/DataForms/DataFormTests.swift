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

    // MARK: - §3.4 tables

    private func table(_ children: [XMLElement]) -> XMLElement {
        form("result", children)
    }

    private func wrapper(_ name: String, _ fields: [XMLElement]) -> XMLElement {
        XMLElement(name: name, namespace: DataForm.namespace, children: fields.map { .element($0) })
    }

    @Test func aTableOfResultsIsWrittenReportedFirstAndReadBack() throws {
        let original = DataForm(
            kind: .result, title: "Rooms",
            reported: [
                DataFormField(variable: "room", type: .jidSingle, label: "Room"),
                DataFormField(variable: "epoch", type: .textSingle, label: "Epoch"),
            ],
            items: [
                [
                    DataFormField(variable: "room", values: ["a@mls.example.org"]),
                    DataFormField(variable: "epoch", values: ["3"]),
                ],
                [DataFormField(variable: "room", values: ["b@mls.example.org"]), DataFormField(variable: "epoch")],
            ])
        let element = original.element
        #expect(element.elements.map(\.name) == ["title", "reported", "item", "item"])
        #expect(element.child(named: "reported", namespace: DataForm.namespace)?.elements.count == 2)
        #expect(try DataForm(element) == original)
    }

    @Test func aFormWithoutATableHasNoReportedColumns() throws {
        let parsed = try DataForm(form("result", [field("a", ["1"])]))
        #expect(parsed.reported == nil)
        #expect(parsed.items.isEmpty)
    }

    @Test func rowsBeforeTheHeaderAreStillRead() throws {
        let parsed = try DataForm(
            table([wrapper("item", [field("n", ["1"])]), wrapper("reported", [field("n", [])])]))
        #expect(parsed.reported?.map(\.variable) == ["n"])
        #expect(parsed.items.map { $0.map(\.values) } == [[["1"]]])
    }

    @Test func malformedTablesAreRefusedWithTheReason() {
        let header = wrapper("reported", [field("a", []), field("b", [])])
        let fixed = XMLAttribute(name: "type", value: "fixed")
        let cases: [[XMLElement]] = [
            [header, header],
            [wrapper("item", [field("a", ["1"])])],
            [header, wrapper("item", [field("a", ["1"])])],
            [header, wrapper("item", [field("a", ["1"]), field("b", ["2"]), field("c", ["3"])])],
            [header, wrapper("item", [field("a", ["1"]), field("a", ["2"]), field("b", ["3"])])],
            [wrapper("reported", [])],
            [wrapper("reported", [XMLElement(name: "field", namespace: DataForm.namespace, attributes: [fixed])])],
        ]
        for children in cases {
            #expect(throws: DataFormError.self) { try DataForm(table(children)) }
        }
    }
}
