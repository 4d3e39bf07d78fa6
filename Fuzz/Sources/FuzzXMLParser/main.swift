import FuzzSupport
import XMPP

// The XML stream parser with small stanza limits, so that inputs reach them: any input parses or fails with an
// XMLStreamError, and neither the events nor the stream error condition sent depend on where the input is split
// (the first byte picks the split point of the second parse; the rest is the stream). The error's text may:
// expat can report bad input when it arrives or only at the end of the input (`truncated`).
let limits = XMLStreamLimits(maxStanzaBytes: 2048, maxDepth: 8, maxAttributes: 8, maxRefusedStanzaBytes: 4096)

struct Outcome: Equatable {
    var events: [XMLStreamEvent] = []
    var error: StreamErrorCondition?
}

func parse(_ chunks: [ArraySlice<UInt8>]) -> Outcome {
    let parser = XMLStreamParser(limits: limits)
    var outcome = Outcome()
    do {
        for chunk in chunks {
            try parser.parse(chunk, into: &outcome.events)
        }
        try parser.finish()
    } catch {
        outcome.error = error.condition
    }
    return outcome
}

Fuzzer.run(seeds: { [] }) { input in
    guard let first = input.first else { return }
    let stream = input.dropFirst()
    let split = stream.startIndex + (stream.isEmpty ? 0 : Int(first) % (stream.count + 1))
    let whole = parse([stream])
    let halves = parse([stream[..<split], stream[split...]])
    precondition(whole == halves, "split at \(split - stream.startIndex): \(whole) in one chunk, \(halves) in two")
}
