import Testing
import XMPP

@Suite struct AdHocCommandTests {
    private func command(_ attributes: [String: String], children: [XMLElement] = []) -> XMLElement {
        XMLElement(
            name: "command", namespace: AdHocCommand.namespace,
            attributes: attributes.sorted { $0.key < $1.key }.map { XMLAttribute(name: $0.key, value: $0.value) },
            children: children.map { .element($0) })
    }

    @Test func aRequestReadsItsNodeSessionActionAndForm() throws {
        let form = DataForm(kind: .submit, fields: [DataFormField(variable: "room", values: ["a@mls.example.org"])])
        let parsed = try AdHocCommand(
            command(["node": "show-room", "sessionid": "s1", "action": "complete"], children: [form.element]))
        #expect(parsed.node == "show-room")
        #expect(parsed.sessionID == "s1")
        #expect(parsed.action == .complete)
        #expect(parsed.form == form)
    }

    @Test func aRequesterStatusIsIgnoredAndAnAbsentActionIsNil() throws {
        let parsed = try AdHocCommand(command(["node": "n", "status": "whatever"]))
        #expect(parsed.status == nil)
        #expect(parsed.action == nil)
    }

    @Test func anAnswerIsWrittenWithActionsNotesAndFormAndReadBack() throws {
        let answer = AdHocCommand(
            node: "destroy-room", sessionID: "s2", status: .executing, allowedActions: [.complete],
            executeAction: .complete, notes: [AdHocCommand.Note(.warn, "careful")],
            form: DataForm(kind: .form, fields: [DataFormField(variable: "confirm", type: .boolean)]))
        let element = answer.element
        #expect(element.elements.map(\.name) == ["actions", "note", "x"])
        #expect(element.child(named: "actions", namespace: AdHocCommand.namespace)?.attribute("execute") == "complete")
        #expect(element.attribute("status") == "executing")
        var read = try AdHocCommand(element)
        read.status = .executing
        #expect(read == answer)
    }

    @Test(arguments: [
        ([String: String](), nil as AdHocCommandCondition?),
        (["node": ""], nil),
        (["node": "n", "sessionid": ""], .badSessionID),
        (["node": "n", "action": "run"], .malformedAction),
    ])
    func malformedRequestsNameTheirCondition(attributes: [String: String], condition: AdHocCommandCondition?) {
        #expect(throws: AdHocCommandError(condition, "")) { _ = try AdHocCommand(command(attributes)) }
    }

    @Test func aMalformedFormIsABadPayload() {
        let x = XMLElement(
            name: "x", namespace: DataForm.namespace, attributes: [XMLAttribute(name: "type", value: "?")])
        #expect(throws: AdHocCommandError(.badPayload, "")) {
            _ = try AdHocCommand(command(["node": "n"], children: [x]))
        }
    }

    @Test func errorsCarryTheGeneralAndTheSpecificCondition() {
        let expired = StanzaError(AdHocCommandCondition.sessionExpired, text: "gone")
        #expect(expired.condition == .notAllowed)
        #expect(expired.applicationCondition?.name == "session-expired")
        #expect(expired.applicationCondition?.namespace == AdHocCommand.namespace)
        let payload = AdHocCommandError(.badPayload, "no room").stanzaError
        #expect(payload.condition == .badRequest)
        #expect(payload.type == .modify)
        #expect(payload.text == "no room")
        #expect(AdHocCommandError(nil, "x").stanzaError.applicationCondition == nil)
    }
}
