import FuzzSupport
import MLS

// Welcome processing (RFC 9420 §12.4.3.1) by bob, whose KeyPackage is fixed: the input is an MLSMessage.
let fixture = try MLSFixture()
let (bundle, welcomes) = try blocking { try? await fixture.welcomes() }.unwrap()

Fuzzer.run(
    seeds: {
        welcomes.map(\.tlsEncoded)
            + TestVectors.fields(["welcome"], of: "welcome.json", limit: 3)
            + TestVectors.fields(["welcome"], of: "passive-client-welcome.json", limit: 3)
    }
) { input in
    guard let message = try? MLSMessage(tlsEncoded: input) else { return }
    _ = blocking { try? await fixture.bob.join(message, keyPackage: bundle) }
}
