import MLS
import Testing

struct HexTests {
    @Test(arguments: [
        ([] as [UInt8], ""),
        ([0x00], "00"),
        ([0x0F, 0xF0], "0ff0"),
        ([0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF], "0123456789abcdef"),
    ])
    func encoderWritesTwoLowercaseDigitsPerByte(bytes: [UInt8], text: String) throws {
        #expect(bytes.hexString == text)
        #expect([UInt8](hex: text) == bytes)
    }

    @Test func parserAcceptsEitherCase() {
        #expect([UInt8](hex: "ABcdEf") == [0xAB, 0xCD, 0xEF])
    }

    @Test(arguments: ["0", "abc", "0g", "zz", " 00", "00 ", "+f", "-0", "0x00", "é0"])
    func parserRejectsOddLengthAndNonDigits(text: String) {
        #expect([UInt8](hex: text) == nil)
    }

    @Test func everyByteRoundTrips() {
        let bytes = (0...255).map(UInt8.init)
        #expect([UInt8](hex: bytes.hexString) == bytes)
        #expect(bytes.hexString.count == 512)
    }

    @Test func encoderTakesAnyByteSequence() {
        #expect([UInt8]([0xDE, 0xAD])[...].hexString == "dead")
        #expect(KeyPackageRef(bytes: [0xBE, 0xEF]).description == "beef")
    }
}
