import MLS
import MLSTestSupport
import Testing

struct GroupInfoTests {
    @Test func tbsIsTheEncodingWithoutTheSignature() throws {
        let groupInfo = WireFixtures.groupInfo()
        #expect(groupInfo.tbsEncoded + [1, 0x53] == groupInfo.tlsEncoded)
        #expect(try GroupInfo(tlsEncoded: groupInfo.tlsEncoded) == groupInfo)
    }

    @Test func groupContextEncodesFieldsInOrder() throws {
        let context = WireFixtures.groupContext()
        #expect(context.tlsEncoded == [0, 1, 0, 1, 1, 0x67, 0, 0, 0, 0, 0, 0, 0, 5, 1, 0x71, 1, 0x72, 0])
        #expect(try GroupContext(tlsEncoded: context.tlsEncoded) == context)
    }
}
