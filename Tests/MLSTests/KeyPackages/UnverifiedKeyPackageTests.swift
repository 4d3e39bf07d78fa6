import MLS
import MLSTestSupport
import Testing

struct UnverifiedKeyPackageTests {
    @Test func tbsIsTheEncodingWithoutTheSignature() throws {
        let keyPackage = WireFixtures.keyPackage()
        #expect(keyPackage.tbsEncoded + [1, 0x99] == keyPackage.tlsEncoded)
        #expect(try UnverifiedKeyPackage(tlsEncoded: keyPackage.tlsEncoded) == keyPackage)
    }

    @Test func everyTruncationGivesATypedError() {
        let bytes = WireFixtures.keyPackage().tlsEncoded
        for length in 0..<bytes.count {
            #expect(throws: CodecError.self) { try UnverifiedKeyPackage(tlsEncoded: Array(bytes[0..<length])) }
        }
    }
}
