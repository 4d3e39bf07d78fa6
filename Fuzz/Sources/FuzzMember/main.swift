import FuzzSupport
import MLS

// A member processing messages: bob, in the fixed group of alice, bob and carol at epoch 1, processes each input
// as an MLSMessage on a copy of his state, then merges nothing.
let fixture = try MLSFixture()
let members = try blocking { try? await fixture.members() }.unwrap()

Fuzzer.run(seeds: { members.seeds.map(\.tlsEncoded) }) { input in
    guard let message = try? MLSMessage(tlsEncoded: input) else { return }
    let bob = members.bob
    _ = blocking {
        var copy = bob
        return try? await copy.process(message)
    }
}
