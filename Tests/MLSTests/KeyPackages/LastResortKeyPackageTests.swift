import Foundation
import MLS
import Testing

/// The `last_resort_key_package` component (draft-ietf-mls-extensions), carried in `app_data_dictionary`.
struct LastResortKeyPackageTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    @Test func aLastResortKeyPackageCarriesTheComponentAndValidates() throws {
        let client = try Client(suite: Self.suite, credential: .basic(identity: Array("bob".utf8)))
        let keyPackage = try client.makeKeyPackage(lastResort: true).keyPackage
        #expect(keyPackage.isLastResort)
        let dictionary = try #require(try AppDataDictionary(in: keyPackage.extensions))
        #expect(dictionary.entries == [ComponentData(id: .lastResortKeyPackage, data: [])])
        // The wire form: one entry, component 0x0004 with empty data, in extension 0x0006.
        let entry = try #require(keyPackage.extensions.first { $0.type.rawValue == 0x0006 })
        #expect(entry.data == [0x03, 0x00, 0x04, 0x00])
        // §10: listed in the capabilities; the leaf advertises the components it understands.
        #expect(keyPackage.leafNode.capabilities.extensions.contains(.appDataDictionary))
        let leafDictionary = try #require(try AppDataDictionary(in: keyPackage.leafNode.extensions))
        let supported = try ComponentsList(tlsEncoded: try #require(leafDictionary[.appComponents]))
        #expect(supported.ids == [.lastResortKeyPackage])
        _ = try KeyPackage(
            validating: try UnverifiedKeyPackage(tlsEncoded: keyPackage.tlsEncoded), cipherSuite: Self.suite,
            crypto: DefaultCryptoProvider(), now: Date())
        #expect(!(try client.makeKeyPackage().keyPackage.isLastResort))
    }

    @Test func aDictionaryMustBeSortedWithoutRepeats() throws {
        let a = ComponentData(id: ComponentID(rawValue: 1), data: [])
        let b = ComponentData(id: ComponentID(rawValue: 4), data: [])
        _ = try AppDataDictionary(entries: [a, b])
        #expect(throws: CodecError.invalidValue(field: "AppDataDictionary.component_data", value: 1)) {
            _ = try AppDataDictionary(entries: [b, a])
        }
        #expect(throws: CodecError.invalidValue(field: "AppDataDictionary.component_data", value: 4)) {
            _ = try AppDataDictionary(entries: [b, b])
        }
    }
}
