import FuzzSupport
import MLS

// MLSMessage decoding: any input decodes or throws, and what decodes survives encoding: decode → encode → decode
// gives the same message, and encoding that gives the same bytes again.
Fuzzer.run(
    seeds: {
        let vectorFields = [
            "mls_welcome", "mls_group_info", "mls_key_package", "public_message_application", "public_message_proposal",
            "public_message_commit", "private_message",
        ]
        let fixture = try MLSFixture()
        let members = try blocking { try? await fixture.members() }.unwrap()
        return TestVectors.fields(vectorFields, of: "messages.json", limit: 3)
            + TestVectors.fields(["key_package", "welcome"], of: "passive-client-welcome.json", limit: 3)
            + members.seeds.map(\.tlsEncoded)
    }
) { input in
    guard let message = try? MLSMessage(tlsEncoded: input) else { return }
    let encoded = message.tlsEncoded
    guard let again = try? MLSMessage(tlsEncoded: encoded) else {
        fatalError("an MLSMessage that decoded does not decode after encoding")
    }
    if again != message { fatalError("decode → encode → decode changed the message") }
    if again.tlsEncoded != encoded { fatalError("encoding a decoded encoding changed its bytes") }
}
