import FuzzSupport
import MLS

// The follower: a PublicGroup started from the fixed group's GroupInfo of epoch 1 observes each input as an
// MLSMessage (PublicMessage proposals and commits are the handshakes it checks), on a copy.
let fixture = try MLSFixture()
let members = try blocking { try? await fixture.members() }.unwrap()
let follower = try blocking {
    try? await PublicGroup(
        groupInfo: members.groupInfo, ratchetTree: members.ratchetTree, crypto: fixture.crypto,
        services: fixture.services)
}.unwrap()

Fuzzer.run(seeds: { members.seeds.map(\.tlsEncoded) }) { input in
    guard let message = try? MLSMessage(tlsEncoded: input) else { return }
    _ = blocking {
        var copy = follower
        return try? await copy.observe(message)
    }
}
