@testable import MLS
import MLSTestSupport
import Testing

/// The leaf signatures of a received tree are verified in shares, at most one per allowed task; the
/// results must come back in leaf order.
struct JoinedTreeSignatureTests {
    @Test(arguments: [1, 63, 64, 129, 300])
    func resultsFollowTheLeafOrder(count: Int) async throws {
        let fixture = try LeafNodeFixture()
        let valid = try fixture.leaf()
        var forged = valid
        forged.signature[0] ^= 0x01
        let bad: Set<Int> = [0, count / 2, count - 1]
        let members = (0..<count).map { index in
            (index: LeafIndex(UInt32(index)), leaf: bad.contains(index) ? forged : valid)
        }
        let results = await Group.leafSignaturesAreValid(
            members, groupID: [7], provider: fixture.provider, parallelism: 4)
        #expect(results == (0..<count).map { !bad.contains($0) })
    }
}
