import FuzzSupport
import XMPP

// The XML stream parser with small stanza limits, so that inputs reach them: any input parses or fails with an
// XMLStreamError, and neither the events nor whether the stream fails depend on where the input is split (the
// first byte picks the split point of the second parse; the rest is the stream). Which error ends a bad stream
// may: expat reports some bad input as it arrives or only later (at the end, `truncated`; or after the UTF-8
// check has found an invalid byte further on, `invalidUTF8`).
let limits = XMLStreamLimits(maxStanzaBytes: 2048, maxDepth: 8, maxAttributes: 8, maxRefusedStanzaBytes: 4096)

struct Outcome: Equatable {
    var events: [XMLStreamEvent] = []
    var failed = false
}

func parse(_ chunks: [ArraySlice<UInt8>]) -> Outcome {
    let parser = XMLStreamParser(limits: limits)
    var outcome = Outcome()
    do {
        for chunk in chunks {
            try parser.parse(chunk, into: &outcome.events)
        }
        try parser.finish()
    } catch _ {
        outcome.failed = true
    }
    return outcome
}

Fuzzer.run(seeds: { [] }) { input in
    guard let first = input.first else { return }
    let stream = input.dropFirst()
    let split = stream.startIndex + (stream.isEmpty ? 0 : Int(first) % (stream.count + 1))
    let whole = parse([stream])
    let halves = parse([stream[..<split], stream[split...]])
    if whole != halves {
        fatalError("split at \(split - stream.startIndex): \(whole) in one chunk, \(halves) in two")
    }
}
