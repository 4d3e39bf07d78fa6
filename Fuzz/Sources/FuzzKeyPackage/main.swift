import FuzzSupport
import MLS

// KeyPackage validation (RFC 9420 §10.1) of decoded UnverifiedKeyPackages, in the suite each names, at the fixed
// clock under which the generated seeds are valid. The input is an MLSMessage holding a KeyPackage, or a bare
// KeyPackage.
let fixture = try MLSFixture()

Fuzzer.run(
    seeds: {
        try fixture.keyPackages().map { MLSMessage(body: .keyPackage($0)).tlsEncoded }
            + TestVectors.fields(["mls_key_package"], of: "messages.json", limit: 4)
            + TestVectors.fields(["key_package"], of: "welcome.json", limit: 4)
    }
) { input in
    let keyPackage: UnverifiedKeyPackage
    if let message = try? MLSMessage(tlsEncoded: input), case .keyPackage(let decoded) = message.body {
        keyPackage = decoded
    } else if let decoded = try? UnverifiedKeyPackage(tlsEncoded: input) {
        keyPackage = decoded
    } else {
        return
    }
    guard
        let valid = try? KeyPackage(
            validating: keyPackage, cipherSuite: keyPackage.cipherSuite, crypto: fixture.crypto, now: MLSFixture.now)
    else { return }
    if valid.keyPackage != keyPackage { fatalError("validation changed the KeyPackage") }
}
