import DeliveryService
import Foundation
@testable import Gateway
import MLS
import Testing
import XMPP

/// The input grammar exactly as docs/protocol.md states it: canonical base64, one value per single-valued field,
/// nicks compared as RFC 8266 says, and reflections of the bytes that were checked.
@Suite struct RoomInputGrammarTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"

    @Test(arguments: [
        ("AAEC", true), ("AAE=", true), ("AA==", true),
        ("AAE", false),  // unpadded
        ("AA=A", false),  // padding in the middle
        ("AA===", false), ("AAE==", false), ("A===", false),  // extra padding
        ("AAF=", false), ("AB==", false),  // pad bits set
        ("AA\nEC", false), ("AA-_", false), ("", false),
    ])
    func base64IsCanonicalOrRefused(text: String, canonical: Bool) {
        #expect(Base64Field.isCanonical(text.utf8) == canonical)
        if canonical {
            let decoded = try? Base64Field.decode(XMLElement(name: "mls", text: text), what: "bytes")
            #expect(decoded.map(Base64Field.encode) == text)
        }
    }

    @Test func aGroupMessageWithExtraPaddingIsNotBase64AndChangesNothing() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        let text = H.base64(H.privateMessage(group: [1], epoch: 0, type: .commit))
        for bad in [text + "==", String(text.dropLast(text.hasSuffix("==") ? 2 : 1))] {
            let sent = await harness.route(harness.groupchat(alice, id: "x", mls: bad))
            #expect(sent.count == 1)
            #expect(sent.first?.errorCondition == "bad-request")
            #expect(sent.first?.errorText?.contains("not base64") == true)
        }
        #expect(await harness.route(harness.roomIQ(alice, "epoch")).first?.errorCondition == "item-not-found")
    }

    @Test func theReflectionCarriesTheCheckedBytesEncodedAnew() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        let bytes = H.privateMessage(group: [1], epoch: 0, type: .commit)
        let sent = await harness.route(harness.groupchat(alice, id: "c", mls: "\n  " + H.base64(bytes) + "\n"))
        let mls = sent.first?.child(named: "mls", namespace: MLSNamespace.mls)
        #expect(mls?.text == H.base64(bytes))
    }

    @Test func nicksDifferingOnlyInCaseOrSpacesAreOneNick() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "Olga"))
        let sameCase = await harness.route(harness.join(bob, nick: "olga"))
        #expect(sameCase.first?.errorCondition == "conflict")
        _ = await harness.route(harness.join("carol@example.org/desk", nick: "a b"))
        let spaces = await harness.route(harness.join("dave@example.org/x", nick: "a\u{00A0}b"))
        #expect(spaces.first?.errorCondition == "conflict")
        let invisible = await harness.route(harness.join("erin@example.org/x", nick: "\u{3000}"))
        #expect(invisible.first?.errorCondition == "jid-malformed")
        #expect(await harness.host.nicks(in: harness.room) == ["Olga", "a b"])
        #expect(Nickname.same("ＯＬＧＡ", "olga"))  // NFKC folds the full-width letters
    }

    @Test func aSingleValuedFieldWithTwoValuesIsRefusedAndChangesNothing() async throws {
        let harness = try H()
        _ = await harness.route(harness.join(alice, nick: "alice"))
        var submit = XMLElement(name: "query", namespace: XMPPNamespace.mucOwner)
        submit.append(DataForm(kind: .submit, fields: [
            DataFormField(variable: "urn:xmpp:mls:0#handshakes", values: ["public", "private-allowed"]),
        ]).element)
        let refused = await harness.route(H.iq("set", from: alice, to: "room@mls.example.org", submit))
        #expect(refused.last?.errorCondition == "not-acceptable")
        #expect(refused.last?.errorText?.contains("one value") == true)
        let settings = try RoomSequencer(store: harness.store).settings(room: harness.room)
        #expect(settings?.policy.handshakes == .privateAllowed)
    }
}
