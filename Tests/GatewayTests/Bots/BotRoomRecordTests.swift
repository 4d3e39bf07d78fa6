import DeliveryService
import Foundation
import MLS
import Testing
import XMPP

@testable import Gateway

@Suite struct BotRoomRecordTests {
    /// A room record as the first releases wrote it: no marker, the stanza id as opaque bytes and a flag.
    static func version0(_ record: BotRoomRecord) -> [UInt8] {
        var writer = TLSWriter()
        writer.writeOpaque(record.groupState)
        writer.writeOpaque(Array((record.lastStanzaID ?? "").utf8))
        writer.write(UInt8(record.lastStanzaID == nil ? 0 : 1))
        writer.write(record.sinceUpdate)
        writer.write(record.lastUpdate)
        return writer.bytes
    }

    static let sample = BotRoomRecord(
        groupState: Array("MLSG".utf8) + [UInt8](repeating: 7, count: 300), lastStanzaID: "s-42", sinceUpdate: 3,
        lastUpdate: 1_700_000_000)

    @Test(arguments: [sample, BotRoomRecord(groupState: [1, 2], lastStanzaID: nil, sinceUpdate: 0, lastUpdate: 0)])
    func aRecordOfTheFirstReleasesLoads(_ record: BotRoomRecord) throws {
        #expect(try BotRoomRecord(tlsEncoded: Self.version0(record)) == record)
    }

    @Test func aRecordRoundTripsInTheVersionedLayout() throws {
        let bytes = Self.sample.tlsEncoded
        #expect(Array(bytes.prefix(2)) == [BotRoomRecord.marker, BotRoomRecord.version])
        #expect(try BotRoomRecord(tlsEncoded: bytes) == Self.sample)
        let absent = BotRoomRecord(groupState: [9], lastStanzaID: nil, sinceUpdate: 1, lastUpdate: 2)
        #expect(try BotRoomRecord(tlsEncoded: absent.tlsEncoded) == absent)
    }

    @Test func anUnknownVersionIsRefused() {
        var bytes = Self.sample.tlsEncoded
        bytes[1] = 2
        #expect(throws: CodecError.invalidValue(field: "BotRoomRecord.version", value: 2)) {
            try BotRoomRecord(tlsEncoded: bytes)
        }
    }

    /// A database written before the versioned layout: the bot restarts into its room and answers.
    @Test func aBotRestartsFromARoomRecordOfTheFirstReleases() async throws {
        let tests = BotRunnerTests()
        let first = try BotHarness()
        let key = try BotStateKey(text: String(repeating: "07", count: 32))
        var group = try await tests.roomWithBot(first, try first.runner(stateKey: key))
        let stateStore = BotStateStore(store: first.store)
        let context = "mlsgate bot state|\(first.bot)|room|\(first.room)"
        let saved = try #require(try stateStore.records(bot: first.bot).first { $0.kind == "room" })
        let current = try BotRoomRecord(
            tlsEncoded: key.open(saved.sealed, context: context, kind: saved.kind, name: saved.name))
        let old = BotStateRecord(
            kind: "room", name: saved.name, sealed: try key.seal(Self.version0(current), context: context))
        try stateStore.save([old], bot: first.bot)

        let second = try BotHarness(store: first.store)
        let runner = try second.runner(stateKey: key)
        try await runner.start()
        await runner.processPending()
        #expect(await runner.roomJIDs() == [second.room])
        _ = await second.route(second.join(tests.alice, nick: "alice"))
        #expect(try await tests.say("after upgrade", &group, second, runner) == ["echo: after upgrade"])
    }
}
