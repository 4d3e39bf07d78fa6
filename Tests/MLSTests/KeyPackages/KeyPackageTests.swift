import MLS
import MLSTestSupport
import Testing

struct KeyPackageTests {
    @Test func tbsIsTheEncodingWithoutTheSignature() throws {
        let keyPackage = WireFixtures.keyPackage()
        #expect(keyPackage.tbsEncoded + [1, 0x99] == keyPackage.tlsEncoded)
        #expect(try KeyPackage(tlsEncoded: keyPackage.tlsEncoded) == keyPackage)
    }

    @Test func everyTruncationGivesATypedError() {
        let bytes = WireFixtures.keyPackage().tlsEncoded
        for length in 0..<bytes.count {
            #expect(throws: CodecError.self) { try KeyPackage(tlsEncoded: Array(bytes[0..<length])) }
        }
    }
}
