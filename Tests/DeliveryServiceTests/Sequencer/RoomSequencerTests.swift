import DeliveryService
import Foundation
import MLS
import Testing
import XMPP

@Suite struct RoomSequencerTests {
    let store: DeliveryStore
    let room: JID
    let alice: JID
    let now = Date()

    init() throws {
        store = try DeliveryStore.inMemory()
        room = try Fixtures.room()
        alice = try Fixtures.jid("alice@example.org/phone")
    }

    func sequencer(_ configuration: SequencerConfiguration = SequencerConfiguration())
        -> RoomSequencer
    {
        RoomSequencer(store: store, configuration: configuration)
    }

    func expectRefused(
        _ code: SequencerError.Code, _ sequencer: RoomSequencer, payload: [UInt8],
        welcome: [UInt8]? = nil,
        groupInfo: [UInt8]? = nil
    ) throws -> SequencerError? {
        let epochBefore = try sequencer.currentEpoch(room: room)
        let historyBefore = try sequencer.history(room: room, after: nil, limit: 100).messages.count
        let error = #expect(throws: SequencerError.self) {
            try sequencer.submit(
                room: room, sender: alice, payload: payload, welcome: welcome, groupInfo: groupInfo,
                now: now)
        }
        #expect(error?.code == code)
        #expect(try sequencer.currentEpoch(room: room) == epochBefore)
        #expect(
            try sequencer.history(room: room, after: nil, limit: 100).messages.count == historyBefore)
        return error
    }

    @Test func firstCommitBindsTheRoomAndAdvancesTheEpoch() async throws {
        var group = try Fixtures.client("alice@example.org").createGroup()
        let output = try await group.commit(group.commitBuilder().withPath())
        let sequencer = sequencer()
        #expect(try sequencer.currentEpoch(room: room) == nil)
        let accepted = try sequencer.submit(
            room: room, sender: alice, payload: output.commit.tlsEncoded,
            groupInfo: output.groupInfo.tlsEncoded,
            now: now)
        #expect(accepted.contentType == .commit)
        #expect(accepted.epoch == 0)
        #expect(accepted.newEpoch == 1)
        #expect(try sequencer.currentEpoch(room: room) == 1)
        #expect(try sequencer.groupInfo(room: room) == output.groupInfo.tlsEncoded)
    }

    @Test func messagesBeforeTheFirstCommitAreRefused() throws {
        let payload = Fixtures.privateMessage(group: [7], epoch: 0, type: .application)
        let error = try expectRefused(.roomNotBound, sequencer(), payload: payload)
        #expect(error?.condition == .unexpectedRequest)
    }

    @Test func aSecondCommitForAClosedEpochIsStale() async throws {
        var group = try Fixtures.client("alice@example.org").createGroup()
        var rival = group
        let first = try await group.commit(group.commitBuilder().withPath())
        let second = try await rival.commit(rival.commitBuilder().withPath())
        let sequencer = sequencer()
        _ = try sequencer.submit(room: room, sender: alice, payload: first.commit.tlsEncoded, now: now)
        let error = try expectRefused(.staleEpoch, sequencer, payload: second.commit.tlsEncoded)
        #expect(error?.currentEpoch == 1)
        #expect(error?.condition == .conflict)
        let replay = try expectRefused(.staleEpoch, sequencer, payload: first.commit.tlsEncoded)
        #expect(replay?.currentEpoch == 1)
    }

    @Test func aCommitForAFutureEpochIsStale() throws {
        let sequencer = sequencer()
        _ = try sequencer.submit(
            room: room, sender: alice,
            payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now)
        let error = try expectRefused(
            .staleEpoch, sequencer, payload: Fixtures.privateMessage(group: [7], epoch: 5, type: .commit))
        #expect(error?.currentEpoch == 1)
    }

    @Test func concurrentCommitsForOneEpochAcceptExactlyOne() async throws {
        let path = Fixtures.temporaryDatabasePath()
        let fileStore = try DeliveryStore(path: path)
        let sequencer = RoomSequencer(store: fileStore)
        var group = try Fixtures.client("alice@example.org").createGroup()
        _ = try sequencer.submit(
            room: room, sender: alice,
            payload: try await group.commit(group.commitBuilder().withPath()).commit.tlsEncoded,
            now: now)
        _ = try group.mergePendingCommit()
        var commits: [[UInt8]] = []
        for _ in 0..<4 {
            var copy = group
            commits.append(try await copy.commit(copy.commitBuilder().withPath()).commit.tlsEncoded)
        }
        let room = self.room
        let alice = self.alice
        let now = self.now
        let outcomes = await withTaskGroup(of: SequencerError.Code?.self) { tasks in
            for commit in commits {
                tasks.addTask {
                    do throws(SequencerError) {
                        _ = try sequencer.submit(room: room, sender: alice, payload: commit, now: now)
                        return nil
                    } catch {
                        return error.code
                    }
                }
            }
            var codes: [SequencerError.Code?] = []
            for await code in tasks { codes.append(code) }
            return codes
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.filter { $0 == SequencerError.Code.staleEpoch }.count == 3)
        #expect(try sequencer.currentEpoch(room: room) == 2)
        try fileStore.close()
    }

    @Test func applicationAndProposalsAreAcceptedWithinThePastEpochWindow() async throws {
        var group = try Fixtures.client("alice@example.org").createGroup()
        var old = group
        let sequencer = sequencer(SequencerConfiguration(pastEpochs: 1))
        _ = try sequencer.submit(
            room: room, sender: alice,
            payload: try await group.commit(group.commitBuilder().withPath()).commit.tlsEncoded,
            now: now)
        _ = try group.mergePendingCommit()
        // Epoch 1 is current; epoch 0 is one behind, inside the window.
        let current = try group.encrypt(Array("now".utf8))
        let behind = try old.encrypt(Array("late".utf8))
        let proposal = try old.proposeUpdate()
        #expect(
            try sequencer.submit(room: room, sender: alice, payload: current.tlsEncoded, now: now).epoch
                == 1)
        #expect(
            try sequencer.submit(room: room, sender: alice, payload: behind.tlsEncoded, now: now).epoch
                == 0)
        #expect(
            try sequencer.submit(room: room, sender: alice, payload: proposal.tlsEncoded, now: now)
                .contentType == .proposal)
        // Epoch 2 is current; epoch 0 is two behind, outside the window.
        _ = try sequencer.submit(
            room: room, sender: alice,
            payload: try await group.commit(group.commitBuilder().withPath()).commit.tlsEncoded,
            now: now)
        let tooOld = try old.encrypt(Array("too late".utf8))
        let error = try expectRefused(.staleEpoch, sequencer, payload: tooOld.tlsEncoded)
        #expect(error?.currentEpoch == 2)
    }

    @Test func applicationForAFutureEpochIsRefused() throws {
        let sequencer = sequencer()
        _ = try sequencer.submit(
            room: room, sender: alice,
            payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now)
        _ = try expectRefused(
            .staleEpoch, sequencer,
            payload: Fixtures.privateMessage(group: [7], epoch: 2, type: .application))
    }

    @Test func aMessageForAnotherGroupIsRefused() throws {
        let sequencer = sequencer()
        _ = try sequencer.submit(
            room: room, sender: alice,
            payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now)
        _ = try expectRefused(
            .wrongGroup, sequencer, payload: Fixtures.privateMessage(group: [8], epoch: 1, type: .commit))
        _ = try expectRefused(
            .wrongGroup, sequencer,
            payload: Fixtures.privateMessage(group: [8], epoch: 1, type: .application))
    }

    @Test func malformedPayloadsAreRefused() throws {
        let sequencer = sequencer()
        _ = try expectRefused(.malformed, sequencer, payload: [0x00, 0x01, 0x00])
        _ = try expectRefused(.malformed, sequencer, payload: [])
        let keyPackage = try Fixtures.keyPackageBytes(try Fixtures.client("alice@example.org"))
        _ = try expectRefused(.unexpectedWireFormat, sequencer, payload: keyPackage)
        // Trailing bytes after a valid message.
        _ = try expectRefused(
            .malformed, sequencer,
            payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit) + [0])
    }

    @Test func oversizedPayloadsAreRefused() throws {
        let sequencer = sequencer(SequencerConfiguration(maximumPayloadBytes: 16))
        let payload = Fixtures.privateMessage(
            group: Array(repeating: 7, count: 32), epoch: 0, type: .commit)
        _ = try expectRefused(.tooLarge, sequencer, payload: payload)
    }

    @Test func welcomeAndGroupInfoOnlyAccompanyCommits() throws {
        let sequencer = sequencer()
        _ = try sequencer.submit(
            room: room, sender: alice,
            payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now)
        _ = try expectRefused(
            .attachmentWithoutCommit, sequencer,
            payload: Fixtures.privateMessage(group: [7], epoch: 1, type: .application),
            welcome: [1])
    }

    @Test func aGroupInfoForAnotherEpochIsRefused() async throws {
        var group = try Fixtures.client("alice@example.org").createGroup()
        let first = try await group.commit(group.commitBuilder().withPath())
        _ = try group.mergePendingCommit()
        let second = try await group.commit(group.commitBuilder().withPath())
        _ = try expectRefused(
            .groupInfoMismatch, sequencer(), payload: first.commit.tlsEncoded,
            groupInfo: second.groupInfo.tlsEncoded)
        _ = try expectRefused(
            .malformedGroupInfo, sequencer(), payload: first.commit.tlsEncoded,
            groupInfo: first.commit.tlsEncoded)
    }

    @Test func historyIsPagedInAcceptanceOrder() throws {
        let sequencer = sequencer()
        var ids: [String] = []
        ids.append(
            try sequencer.submit(
                room: room, sender: alice,
                payload: Fixtures.privateMessage(group: [7], epoch: 0, type: .commit), now: now
            ).stanzaID)
        for _ in 0..<4 {
            let payload = Fixtures.privateMessage(group: [7], epoch: 1, type: .application)
            ids.append(
                try sequencer.submit(room: room, sender: alice, payload: payload, now: now).stanzaID)
        }
        #expect(Set(ids).count == 5)
        let first = try sequencer.history(room: room, after: nil, limit: 2)
        #expect(first.messages.map(\.stanzaID) == Array(ids[0..<2]))
        #expect(!first.complete)
        let second = try sequencer.history(room: room, after: ids[1], limit: 2)
        #expect(second.messages.map(\.stanzaID) == Array(ids[2..<4]))
        let last = try sequencer.history(room: room, after: ids[3], limit: 2)
        #expect(last.messages.map(\.stanzaID) == [ids[4]])
        #expect(last.complete)
        #expect(first.messages[0].contentType == .commit)
        #expect(first.messages[0].sender == "alice@example.org/phone")
        let sequences = try sequencer.history(room: room, after: nil, limit: 10).messages.map(
            \.sequence)
        #expect(sequences == sequences.sorted())
        let error = #expect(throws: SequencerError.self) {
            try sequencer.history(room: room, after: "nope", limit: 2)
        }
        #expect(error?.code == .unknownStanzaID)
    }

    @Test func welcomeGoesToTheOwnersOfTheServedKeyPackages() async throws {
        let bob = try Fixtures.jid("bob@example.org")
        let directory = KeyPackageDirectory(store: store)
        _ = try directory.publish(
            [
                KeyPackageUpload(
                    bytes: try Fixtures.keyPackageBytes(try Fixtures.client("bob@example.org")))
            ],
            publisher: bob, now: now)
        let fetched = try directory.fetch(
            target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        guard case .keyPackage(let keyPackage) = try MLSMessage(tlsEncoded: fetched.keyPackages[0]).body
        else {
            Issue.record("the directory served something other than a KeyPackage")
            return
        }
        var group = try Fixtures.client("alice@example.org").createGroup()
        let output = try await group.commit(group.commitBuilder().adding(keyPackage))
        let welcome = try #require(output.welcome).tlsEncoded
        let accepted = try sequencer().submit(
            room: room, sender: alice, payload: output.commit.tlsEncoded, welcome: welcome,
            groupInfo: output.groupInfo.tlsEncoded, now: now)
        #expect(accepted.welcomeRecipients == [bob])
        let stored = try sequencer().history(room: room, after: nil, limit: 1).messages[0]
        #expect(stored.welcome == welcome)
    }

    @Test func welcomeRecipientCanBeOverridden() async throws {
        let carol = try Fixtures.jid("carol@example.org/desk")
        let keyPackage = try Fixtures.client("bob@example.org").makeKeyPackage().keyPackage
        var group = try Fixtures.client("alice@example.org").createGroup()
        let output = try await group.commit(group.commitBuilder().adding(keyPackage))
        let welcome = try #require(output.welcome).tlsEncoded
        let accepted = try sequencer().submit(
            room: room, sender: alice, payload: output.commit.tlsEncoded, welcome: welcome,
            welcomeOverride: carol, now: now)
        #expect(accepted.welcomeRecipients == [carol.bare])
    }

    @Test func aWelcomeForKeyPackagesNotServedHereIsRefusedWithItsCommit() async throws {
        let keyPackage = try Fixtures.client("bob@example.org").makeKeyPackage().keyPackage
        var group = try Fixtures.client("alice@example.org").createGroup()
        let output = try await group.commit(group.commitBuilder().adding(keyPackage))
        let welcome = try #require(output.welcome).tlsEncoded
        _ = try expectRefused(
            .unroutableWelcome, sequencer(), payload: output.commit.tlsEncoded, welcome: welcome)
        _ = try expectRefused(
            .malformedWelcome, sequencer(), payload: output.commit.tlsEncoded, welcome: [9, 9])
    }

    @Test func openRoomCreatesAPersistentRoomOnce() throws {
        let sequencer = sequencer()
        #expect(try sequencer.roomExists(room) == false)
        #expect(try sequencer.openRoom(room) == true)
        #expect(try sequencer.openRoom(room) == false)
        #expect(try sequencer.roomExists(room))
        #expect(try sequencer.currentEpoch(room: room) == nil)
    }

    @Test func latestReturnsTheLastMessagesOldestFirst() async throws {
        var group = try Fixtures.client("alice@example.org").createGroup()
        let output = try await group.commit(group.commitBuilder().withPath())
        let sequencer = sequencer()
        let first = try sequencer.submit(room: room, sender: alice, payload: output.commit.tlsEncoded, now: now)
        var ids = [first.stanzaID]
        for _ in 0..<3 {
            let message = Fixtures.privateMessage(group: group.groupID, epoch: 1, type: .application)
            ids.append(try sequencer.submit(room: room, sender: alice, payload: message, now: now).stanzaID)
        }
        #expect(try sequencer.latest(room: room, limit: 2).map(\.stanzaID) == Array(ids.suffix(2)))
        #expect(try sequencer.latest(room: room, limit: 10).map(\.stanzaID) == ids)
        #expect(try sequencer.latest(room: room, limit: 0).isEmpty)
    }
}
