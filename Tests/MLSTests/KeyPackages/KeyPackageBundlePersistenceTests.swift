import MLS
import Testing

/// `KeyPackageBundle.serializedState()` and its restore, which checks the keys against the KeyPackage.
struct KeyPackageBundlePersistenceTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    @Test func aBundleRoundTripsWithItsPrivateKeys() throws {
        let client = try Client(suite: Self.suite, credential: .basic(identity: Array("bob".utf8)))
        let bundle = try client.makeKeyPackage()
        let restored = try KeyPackageBundle(serializedState: bundle.serializedState(), provider: client.provider)
        #expect(restored == bundle)
    }

    @Test func aTruncatedStateOrAnotherBundlesKeysAreRefused() throws {
        let client = try Client(suite: Self.suite, credential: .basic(identity: Array("bob".utf8)))
        let bundle = try client.makeKeyPackage()
        let bytes = bundle.serializedState()
        #expect {
            _ = try KeyPackageBundle(serializedState: Array(bytes.dropLast()), provider: client.provider)
        } throws: { error in
            guard case GroupError.codec = error else { return false }
            return true
        }
        let other = try client.makeKeyPackage()
        var writer = TLSWriter()
        writer.write(bundle.keyPackage)
        writer.writeOpaque(other.initPrivateKey)
        writer.writeOpaque(other.encryptionPrivateKey)
        #expect {
            _ = try KeyPackageBundle(serializedState: writer.bytes, provider: client.provider)
        } throws: { error in
            guard case GroupError.keyPackage(.crypto) = error else { return false }
            return true
        }
    }
}
