@testable import XMPP

/// Sample streams and a helper that runs the parser over chunks.
enum StreamFixtures {
    static let header =
        "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
        + "xmlns='jabber:component:accept' to='gw.example' id='abc' from='example' xml:lang='en'>"

    /// A component stream with a handshake, three stanzas, namespaces, entities, CDATA and non-ASCII text.
    static let sample =
        header
        + "\n<handshake>aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d</handshake>\n"
        + "<message from='a@b/c' to='room@gw.example' type='groupchat' id='m1'>"
        + "<body>Hi &amp; &lt;bye&gt; &#x263A; \u{263A} caf\u{E9} \u{1F600}</body>"
        + "<x:payload xmlns:x='urn:example:x' x:attr='1' plain='&quot;2&apos;'><x:inner/>"
        + "<other xmlns='urn:other'>t<![CDATA[<raw> & ]]>u</other></x:payload></message>\n"
        + "<iq type='get' id='q1' to='gw.example' from='example'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>  \n"
        + "<presence xml:lang='de'/>"
        + "</stream:stream>"

    /// The outcome of parsing: every event delivered and the error, if any.
    struct Outcome: Equatable {
        var events: [XMLStreamEvent] = []
        var error: XMLStreamError?
    }

    /// Parses the chunks in order with one parser, stopping at the first error.
    static func parse(
        _ chunks: [[UInt8]],
        limits: XMLStreamLimits = XMLStreamLimits(),
        finish: Bool = false
    ) -> Outcome {
        let parser = XMLStreamParser(limits: limits)
        var outcome = Outcome()
        do {
            for chunk in chunks {
                try parser.parse(chunk, into: &outcome.events)
            }
            if finish { try parser.finish() }
        } catch {
            outcome.error = error
        }
        return outcome
    }

    /// Parses a whole string in one chunk.
    static func parse(_ text: String, limits: XMLStreamLimits = XMLStreamLimits()) -> Outcome {
        parse([Array(text.utf8)], limits: limits)
    }

    /// The stanzas among the events.
    static func elements(_ events: [XMLStreamEvent]) -> [XMLElement] {
        events.compactMap { event in
            if case .element(let element) = event { return element }
            return nil
        }
    }

    /// The refused stanzas among the events.
    static func refusals(_ events: [XMLStreamEvent]) -> [RefusedStanza] {
        events.compactMap { event in
            if case .stanzaRefused(let refused) = event { return refused }
            return nil
        }
    }
}
