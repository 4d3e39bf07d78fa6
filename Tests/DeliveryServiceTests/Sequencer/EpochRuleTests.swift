import DeliveryService
import MLS
import Testing

/// The room's epoch rule alone, on stored states the sequencer and the pre-check both read (RFC 9750 §5.2).
@Suite struct EpochRuleTests {
    let rule = EpochRule(pastEpochs: 2)
    let group: [UInt8] = [1, 2, 3]

    func header(_ type: ContentType, epoch: UInt64, group: [UInt8]? = nil) -> MessageHeader {
        MessageHeader(groupID: group ?? self.group, epoch: epoch, contentType: type)
    }

    @Test func theFirstCommitBindsTheRoomAtItsOwnEpoch() throws {
        #expect(try rule.check(header(.commit, epoch: 7), boundGroup: nil, currentEpoch: 0) == 8)
    }

    @Test(arguments: [ContentType.application, .proposal])
    func anUnboundRoomTakesNothingButACommit(type: ContentType) {
        let error = #expect(throws: SequencerError.self) {
            try rule.check(header(type, epoch: 0), boundGroup: nil, currentEpoch: 0)
        }
        #expect(error?.code == .roomNotBound)
    }

    @Test func aMessageForAnotherGroupIsRefused() {
        let error = #expect(throws: SequencerError.self) {
            try rule.check(header(.application, epoch: 5, group: [9]), boundGroup: group, currentEpoch: 5)
        }
        #expect(error?.code == .wrongGroup)
    }

    @Test func oneCommitPerEpochOnlyForTheCurrentOne() throws {
        #expect(try rule.check(header(.commit, epoch: 5), boundGroup: group, currentEpoch: 5) == 6)
        for epoch: UInt64 in [4, 6] {
            let error = #expect(throws: SequencerError.self) {
                try rule.check(header(.commit, epoch: epoch), boundGroup: group, currentEpoch: 5)
            }
            #expect(error?.code == .staleEpoch)
            #expect(error?.currentEpoch == 5)
        }
    }

    @Test func otherMessagesAreTakenForTheCurrentAndThePastEpochs() throws {
        for epoch: UInt64 in [3, 4, 5] {
            #expect(try rule.check(header(.application, epoch: epoch), boundGroup: group, currentEpoch: 5) == nil)
        }
        for epoch: UInt64 in [2, 6] {
            let error = #expect(throws: SequencerError.self) {
                try rule.check(header(.proposal, epoch: epoch), boundGroup: group, currentEpoch: 5)
            }
            #expect(error?.code == .staleEpoch)
        }
    }

    @Test func noCommitLeavesTheLastEpoch() {
        for bound in [group, nil] as [[UInt8]?] {
            let error = #expect(throws: SequencerError.self) {
                try rule.check(header(.commit, epoch: .max), boundGroup: bound, currentEpoch: .max)
            }
            #expect(error?.code == .epochExhausted)
        }
    }
}
