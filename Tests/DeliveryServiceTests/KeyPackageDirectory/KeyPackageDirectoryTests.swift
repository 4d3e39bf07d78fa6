import Foundation
import MLS
import Testing
import XMPP

@testable import DeliveryService

@Suite struct KeyPackageDirectoryTests {
    let store: DeliveryStore
    let bob: JID
    let alice: JID
    let now = Date()

    init() throws {
        store = try DeliveryStore.inMemory()
        bob = try Fixtures.jid("bob@example.org")
        alice = try Fixtures.jid("alice@example.org")
    }

    func directory(_ configuration: DirectoryConfiguration = DirectoryConfiguration())
        -> KeyPackageDirectory
    {
        KeyPackageDirectory(store: store, configuration: configuration)
    }

    func expectRejected(
        _ code: DirectoryError.Code, _ uploads: [KeyPackageUpload], publisher: JID? = nil,
        at time: Date? = nil,
        configuration: DirectoryConfiguration = DirectoryConfiguration()
    ) throws {
        let directory = directory(configuration)
        let error = #expect(throws: DirectoryError.self) {
            try directory.publish(uploads, publisher: publisher ?? bob, now: time ?? now)
        }
        #expect(error?.code == code)
        #expect(error?.condition == .badRequest)
        #expect(
            try directory.count(owner: publisher ?? bob, now: now)
                == KeyPackageStock(available: 0, hasLastResort: false))
    }

    @Test func publishStoresValidKeyPackagesAndReturnsAvailableCount() throws {
        let client = try Fixtures.client("bob@example.org")
        let uploads = try (0..<3).map { _ in
            KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        }
        #expect(try directory().publish(uploads, publisher: bob, now: now) == 3)
        #expect(
            try directory().count(owner: bob, now: now)
                == KeyPackageStock(available: 3, hasLastResort: false))
    }

    @Test func publishBindsToTheBareJIDOfAFullPublisher() throws {
        let client = try Fixtures.client("bob@example.org")
        let phone = try Fixtures.jid("bob@example.org/phone")
        #expect(
            try directory().publish(
                [.init(bytes: try Fixtures.keyPackageBytes(client))], publisher: phone, now: now) == 1)
    }

    @Test func publishAcceptsOneYearKeyPackagesByDefault() throws {
        let client = try Fixtures.client("bob@example.org")
        let upload = KeyPackageUpload(
            bytes: try Fixtures.keyPackageBytes(client, lifetime: 365 * 86_400))
        #expect(try directory().publish([upload], publisher: bob, now: now) == 1)
    }

    @Test func publishRejectsGarbageAndStoresNothing() throws {
        let client = try Fixtures.client("bob@example.org")
        let good = KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        try expectRejected(.malformed, [good, KeyPackageUpload(bytes: [0x00, 0x01, 0xFF])])
    }

    @Test func publishRejectsAnotherWireFormat() throws {
        let message = Fixtures.privateMessage(group: [1], epoch: 0, type: .application)
        try expectRejected(.notAKeyPackage, [KeyPackageUpload(bytes: message)])
    }

    @Test func publishRejectsABadSignature() throws {
        let client = try Fixtures.client("bob@example.org")
        let good = KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        try expectRejected(
            .badSignature, [good, KeyPackageUpload(bytes: try Fixtures.forgedKeyPackageBytes(client))])
    }

    @Test func publishRejectsADisabledSuite() throws {
        let client = try Fixtures.client("bob@example.org")
        let configuration = DirectoryConfiguration(enabledSuites: [.mls128DHKEMP256AES128GCMSHA256P256])
        try expectRejected(
            .suiteNotEnabled, [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))],
            configuration: configuration)
    }

    @Test func publishRejectsAnExpiredKeyPackage() throws {
        let client = try Fixtures.client("bob@example.org")
        try expectRejected(
            .lifetimeNotCurrent, [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))],
            at: now.addingTimeInterval(200 * 86_400))
    }

    @Test func publishRejectsALifetimeLongerThanTheMaximum() throws {
        let client = try Fixtures.client("bob@example.org")
        try expectRejected(
            .lifetimeTooLong,
            [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client, lifetime: 400 * 86_400))])
    }

    @Test func publishRejectsACredentialNamingSomeoneElse() throws {
        let client = try Fixtures.client("carol@example.org")
        try expectRejected(
            .identityMismatch, [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))])
    }

    @Test func publishRejectsAFullJIDAsIdentity() throws {
        let client = try Fixtures.client("bob@example.org/phone")
        try expectRejected(
            .identityMismatch, [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))])
    }

    @Test func publishRejectsX509WithoutARule() throws {
        let client = try Client(
            suite: Fixtures.suite, credential: .x509(certificates: [Certificate(data: Array("bob".utf8))])
        )
        try expectRejected(
            .credentialNotAccepted, [KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))])
    }

    @Test func publishAcceptsX509ThroughTheConfiguredRule() throws {
        let client = try Client(
            suite: Fixtures.suite,
            credential: .x509(certificates: [Certificate(data: Array("bob@example.org".utf8))]))
        let configuration = DirectoryConfiguration(x509Identity: { chain in
            chain.first.map { String(decoding: $0.data, as: UTF8.self) }
        })
        let upload = KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        #expect(try directory(configuration).publish([upload], publisher: bob, now: now) == 1)
        try expectRejected(.identityMismatch, [upload], publisher: alice, configuration: configuration)
    }

    @Test func publishRejectsTooManyAndTooLarge() throws {
        let client = try Fixtures.client("bob@example.org")
        let upload = KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        try expectRejected(
            .tooMany, [upload, upload], configuration: DirectoryConfiguration(maximumPerPublish: 1))
        try expectRejected(
            .tooLarge, [upload], configuration: DirectoryConfiguration(maximumKeyPackageBytes: 10))
    }

    @Test func fetchServesOnePerClientAndNeverTwice() throws {
        let phone = try Fixtures.client("bob@example.org")
        let laptop = try Fixtures.client("bob@example.org")
        var published: Set<[UInt8]> = []
        for client in [phone, laptop] {
            for _ in 0..<2 {
                let bytes = try Fixtures.keyPackageBytes(client)
                published.insert(bytes)
                _ = try directory().publish([KeyPackageUpload(bytes: bytes)], publisher: bob, now: now)
            }
        }
        var served: [[UInt8]] = []
        for _ in 0..<2 {
            let result = try directory().fetch(
                target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
            #expect(result.keyPackages.count == 2)
            served += result.keyPackages
        }
        #expect(Set(served) == published)
        #expect(served.count == 4)
        let error = #expect(throws: DirectoryError.self) {
            try directory().fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        }
        #expect(error?.code == .unknownJID)
        #expect(error?.condition == .itemNotFound)
    }

    @Test func fetchReturnsNothingForAnotherSuite() throws {
        let client = try Fixtures.client("bob@example.org")
        _ = try directory().publish(
            [.init(bytes: try Fixtures.keyPackageBytes(client))], publisher: bob, now: now)
        let result = try directory().fetch(
            target: bob, cipherSuite: .mls128DHKEMP256AES128GCMSHA256P256, requester: alice, now: now)
        #expect(result.keyPackages.isEmpty)
        #expect(try directory().count(owner: bob, now: now).available == 1)
    }

    @Test func servedKeyPackageCannotBePublishedAgain() throws {
        let client = try Fixtures.client("bob@example.org")
        let upload = KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        _ = try directory().publish([upload], publisher: bob, now: now)
        _ = try directory().fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        let error = #expect(throws: DirectoryError.self) {
            try directory().publish([upload], publisher: bob, now: now)
        }
        #expect(error?.code == .alreadyServed)
    }

    @Test func lastResortIsServedOnlyWhenNothingElseIsLeftAndIsKept() throws {
        let client = try Fixtures.client("bob@example.org")
        let ordinary = try Fixtures.keyPackageBytes(client)
        let lastResort = try Fixtures.keyPackageBytes(client)
        _ = try directory().publish(
            [KeyPackageUpload(bytes: lastResort, lastResort: true), KeyPackageUpload(bytes: ordinary)],
            publisher: bob, now: now)
        #expect(
            try directory().count(owner: bob, now: now)
                == KeyPackageStock(available: 1, hasLastResort: true))
        let first = try directory().fetch(
            target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        #expect(first.keyPackages == [ordinary])
        for _ in 0..<2 {
            let next = try directory().fetch(
                target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
            #expect(next.keyPackages == [lastResort])
        }
        #expect(
            try directory().count(owner: bob, now: now)
                == KeyPackageStock(available: 0, hasLastResort: true))
    }

    /// The `last_resort_key_package` component marks a KeyPackage as last resort like the attribute does.
    @Test func aKeyPackageCarryingTheLastResortComponentIsLastResort() throws {
        let client = try Fixtures.client("bob@example.org")
        let ordinary = try Fixtures.keyPackageBytes(client)
        let marked = MLSMessage(body: .keyPackage(try client.makeKeyPackage(lastResort: true).keyPackage)).tlsEncoded
        _ = try directory().publish(
            [KeyPackageUpload(bytes: marked), KeyPackageUpload(bytes: ordinary)], publisher: bob, now: now)
        #expect(try directory().count(owner: bob, now: now) == KeyPackageStock(available: 1, hasLastResort: true))
        let first = try directory().fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        #expect(first.keyPackages == [ordinary])
        for _ in 0..<2 {
            let next = try directory().fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
            #expect(next.keyPackages == [marked])
        }
        #expect(try directory().count(owner: bob, now: now) == KeyPackageStock(available: 0, hasLastResort: true))
    }

    /// An `app_data_dictionary` without the component, or one that does not decode, marks nothing.
    @Test func otherAppDataDictionariesAreOrdinaryKeyPackages() throws {
        let client = try Fixtures.client("bob@example.org")
        var capabilities = client.capabilities
        capabilities.extensions.append(.appDataDictionary)
        func bytes(_ dictionary: [UInt8]) throws -> [UInt8] {
            let bundle = try KeyPackageBundle(
                provider: client.provider, credential: client.credential, signatureKeyPair: client.signatureKeyPair,
                capabilities: capabilities, lifetime: Lifetime(from: now.addingTimeInterval(-60), to: now.addingTimeInterval(3600)),
                extensions: [Extension(type: .appDataDictionary, data: dictionary)])
            return MLSMessage(body: .keyPackage(bundle.keyPackage)).tlsEncoded
        }
        let other = try AppDataDictionary(entries: [ComponentData(id: ComponentID(rawValue: 0x8001), data: [1])])
        _ = try directory().publish(
            [KeyPackageUpload(bytes: try bytes(other.tlsEncoded)), KeyPackageUpload(bytes: try bytes([0xFF]))],
            publisher: bob, now: now)
        #expect(try directory().count(owner: bob, now: now) == KeyPackageStock(available: 2, hasLastResort: false))
    }

    @Test func quotaLimitsFetchesPerRequesterAndTargetPerWindow() throws {
        let client = try Fixtures.client("bob@example.org")
        let uploads = try (0..<5).map { _ in
            KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        }
        let directory = directory(DirectoryConfiguration(fetchQuota: 2, quotaWindow: 60))
        _ = try directory.publish(uploads, publisher: bob, now: now)
        for _ in 0..<2 {
            _ = try directory.fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        }
        let error = #expect(throws: DirectoryError.self) {
            try directory.fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
        }
        #expect(error?.code == .quotaExceeded)
        #expect(error?.condition == .resourceConstraint)
        #expect(try directory.count(owner: bob, now: now).available == 3)
        let carol = try Fixtures.jid("carol@example.org")
        #expect(
            try directory.fetch(target: bob, cipherSuite: Fixtures.suite, requester: carol, now: now)
                .keyPackages.count == 1)
        let later = now.addingTimeInterval(61)
        #expect(
            try directory.fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: later)
                .keyPackages.count == 1)
    }

    @Test func fetchingAnUnknownJIDIsChargedToTheQuota() throws {
        let directory = directory(DirectoryConfiguration(fetchQuota: 1))
        let nobody = try Fixtures.jid("nobody@example.org")
        let first = #expect(throws: DirectoryError.self) {
            try directory.fetch(target: nobody, cipherSuite: Fixtures.suite, requester: alice, now: now)
        }
        #expect(first?.code == .unknownJID)
        let second = #expect(throws: DirectoryError.self) {
            try directory.fetch(target: nobody, cipherSuite: Fixtures.suite, requester: alice, now: now)
        }
        #expect(second?.code == .quotaExceeded)
    }

    @Test func fetchReportsLowStockOnceWhenCrossingTheMark() throws {
        let client = try Fixtures.client("bob@example.org")
        let uploads = try (0..<3).map { _ in
            KeyPackageUpload(bytes: try Fixtures.keyPackageBytes(client))
        }
        let directory = directory(DirectoryConfiguration(lowMark: 2))
        _ = try directory.publish(uploads, publisher: bob, now: now)
        let results = try (0..<3).map { _ in
            try directory.fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
                .lowStock
        }
        #expect(results == [nil, KeyPackageStock(available: 1, hasLastResort: false), nil])
    }

    @Test func expiredKeyPackagesAreNeitherServedNorCountedAndAreSwept() throws {
        let client = try Fixtures.client("bob@example.org")
        _ = try directory().publish(
            [.init(bytes: try Fixtures.keyPackageBytes(client, lifetime: 86_400))], publisher: bob,
            now: now)
        let later = now.addingTimeInterval(2 * 86_400)
        #expect(try directory().count(owner: bob, now: later).available == 0)
        let error = #expect(throws: DirectoryError.self) {
            try directory().fetch(target: bob, cipherSuite: Fixtures.suite, requester: alice, now: later)
        }
        #expect(error?.code == .unknownJID)
        #expect(try directory().sweepExpired(now: now) == 0)
        #expect(try directory().count(owner: bob, now: now).available == 1)
        #expect(try directory().sweepExpired(now: later) == 1)
        #expect(try directory().count(owner: bob, now: now).available == 0)
    }
}
