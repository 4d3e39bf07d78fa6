import Testing

@testable import XMPP

struct ComponentStreamStateMachineTests {
    static let domain = try! JID("mls.localhost")

    static func header(id: String? = "abc", namespace: String = XMPPNamespace.component) -> XMLStreamHeader {
        var attributes = [XMLAttribute(name: "from", value: "mls.localhost")]
        if let id { attributes.append(XMLAttribute(name: "id", value: id)) }
        return XMLStreamHeader(attributes: attributes, contentNamespace: namespace)
    }

    static func streamError(_ condition: StreamErrorCondition) -> XMLElement {
        StreamError(condition, text: "nope").element
    }

    static let handshake = XMLElement(name: "handshake", namespace: XMPPNamespace.component)

    private func authenticated() -> ComponentStreamStateMachine {
        var machine = ComponentStreamStateMachine(domain: Self.domain, secret: "s3cret")
        _ = machine.channelActive()
        _ = machine.streamOpened(Self.header())
        _ = machine.elementReceived(Self.handshake)
        return machine
    }

    @Test func handshakeDigestIsLowercaseHexSHA1OfIDAndSecret() {
        // SHA-1 of "abc" is the FIPS 180 example digest.
        #expect(
            ComponentStreamStateMachine.handshakeDigest(streamID: "abc", secret: "")
                == "a9993e364706816aba3e25717850c26c9cd0d89d"
        )
        #expect(
            ComponentStreamStateMachine.handshakeDigest(streamID: "ab", secret: "c")
                == "a9993e364706816aba3e25717850c26c9cd0d89d"
        )
    }

    @Test func successfulHandshakeReachesAuthenticated() {
        var machine = ComponentStreamStateMachine(domain: Self.domain, secret: "")
        let result1 = machine.channelActive()
        #expect(result1 == .sendStreamHeader)
        let result2 = machine.streamOpened(Self.header(id: "abc"))
        #expect(result2 == .sendHandshake(digest: "a9993e364706816aba3e25717850c26c9cd0d89d"))
        #expect(machine.state == .awaitingHandshakeReply(streamID: "abc"))
        let result3 = machine.elementReceived(Self.handshake)
        #expect(result3 == .authenticated)
        #expect(machine.state == .authenticated(streamID: "abc"))
        #expect(machine.wasAuthenticated)
        let message = Message(type: .chat, id: "1").element
        let result4 = machine.elementReceived(message)
        #expect(result4 == .deliver(message))
    }

    @Test(arguments: [
        (StreamErrorCondition.notAuthorized, ComponentError.Code.notAuthorized, "[component] secret"),
        (.hostUnknown, .hostUnknown, "[component] domain"),
        (.conflict, .conflict, "[component] domain"),
    ])
    func handshakeRefusalNamesTheSettingToFix(
        condition: StreamErrorCondition,
        code: ComponentError.Code,
        setting: String
    ) {
        var machine = ComponentStreamStateMachine(domain: Self.domain, secret: "wrong")
        _ = machine.channelActive()
        _ = machine.streamOpened(Self.header())
        guard case .fail(let error, let send) = machine.elementReceived(Self.streamError(condition)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == code)
        #expect(error.setting == setting)
        #expect(error.cause?.contains("nope") == true)
        #expect("\(error)".contains(setting))
        #expect(send == nil)
        #expect(machine.state == .closed)
        #expect(!machine.wasAuthenticated)
        #expect(error.isConfigurationError == (code != .conflict))
    }

    @Test func headerWithoutIDOrWrongNamespaceFails() {
        var machine = ComponentStreamStateMachine(domain: Self.domain, secret: "")
        _ = machine.channelActive()
        guard case .fail(let error, let send) = machine.streamOpened(Self.header(id: nil)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .malformedStream)
        #expect(send?.condition == .invalidXML)

        var other = ComponentStreamStateMachine(domain: Self.domain, secret: "")
        _ = other.channelActive()
        guard case .fail(let wrong, let sent) = other.streamOpened(Self.header(namespace: XMPPNamespace.client)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(wrong.setting == "[component] port")
        #expect(sent?.condition == .invalidNamespace)
    }

    @Test func stanzaBeforeHandshakeFails() {
        var machine = ComponentStreamStateMachine(domain: Self.domain, secret: "")
        _ = machine.channelActive()
        _ = machine.streamOpened(Self.header())
        guard case .fail(let error, _) = machine.elementReceived(Message().element) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .malformedStream)
    }

    @Test func cleanCloseWaitsForThePeersStreamEnd() {
        var machine = authenticated()
        let result5 = machine.closeRequested()
        #expect(result5 == .sendStreamClose)
        #expect(machine.state == .closing)
        let result6 = machine.closeRequested()
        #expect(result6 == .none)
        let result7 = machine.elementReceived(Message().element)
        #expect(result7 == .none)
        let result8 = machine.streamClosedByPeer()
        #expect(result8 == .closeChannel)
        let result9 = machine.channelInactive()
        #expect(result9 == nil)
    }

    @Test func closeTimeoutClosesTheChannel() {
        var machine = authenticated()
        _ = machine.closeRequested()
        let result10 = machine.closeTimedOut()
        #expect(result10 == .closeChannel)
        #expect(machine.state == .closed)
    }

    @Test func peerClosingAnAuthenticatedStreamIsAConnectionLoss() {
        var machine = authenticated()
        guard case .fail(let error, nil) = machine.streamClosedByPeer() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .connectionLost)
    }

    @Test func eofIsReportedByPhase() {
        var during = ComponentStreamStateMachine(domain: Self.domain, secret: "")
        _ = during.channelActive()
        let result11 = during.channelInactive()
        #expect(result11?.code == .closedDuringHandshake)
        var after = authenticated()
        let result12 = after.channelInactive()
        #expect(result12?.code == .connectionLost)
    }

    @Test func parseFailureSendsTheMatchingStreamError() {
        var machine = authenticated()
        guard case .fail(let error, let send) = machine.parseFailed(.restrictedXML(.comment)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .malformedStream)
        #expect(send?.condition == .restrictedXML)
    }

    @Test func timeoutsApplyOnlyInTheirPhase() {
        var machine = ComponentStreamStateMachine(domain: Self.domain, secret: "")
        let result13 = machine.pingTimedOut()
        #expect(result13 == .none)
        _ = machine.channelActive()
        guard case .fail(let error, let send) = machine.handshakeTimedOut() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .handshakeTimeout)
        #expect(send?.condition == .connectionTimeout)

        var up = authenticated()
        let result14 = up.handshakeTimedOut()
        #expect(result14 == .none)
        guard case .fail(let dead, nil) = up.pingTimedOut() else {
            Issue.record("expected a failure")
            return
        }
        #expect(dead.code == .pingTimeout)
    }
}
