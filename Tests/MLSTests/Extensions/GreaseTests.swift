import Foundation
import MLS
import Testing

/// What the core makes carries GREASE values where RFC 9420 §13.5 asks for them, and nowhere else.
struct GreaseTests {
    static let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

    static func client(_ name: String, grease: Bool = true) throws -> Client {
        try Client(
            suite: suite, credential: .basic(identity: Array(name.utf8)),
            services: GroupServices(grease: grease))
    }

    /// Whether every one of the four capabilities lists §13.5 names holds a GREASE value, and `versions` none.
    static func isGreased(_ capabilities: Capabilities) -> Bool {
        capabilities.cipherSuites.contains { Grease.isGrease($0.rawValue) }
            && capabilities.extensions.contains { Grease.isGrease($0.rawValue) }
            && capabilities.proposals.contains { Grease.isGrease($0.rawValue) }
            && capabilities.credentials.contains { Grease.isGrease($0.rawValue) }
            && !capabilities.versions.contains { Grease.isGrease($0.rawValue) }
    }

    /// The GREASE extensions of a list, each of whose types must be listed in `capabilities` when given.
    static func greaseExtensions(_ extensions: [Extension]) -> [Extension] {
        extensions.filter { Grease.isGrease($0.type.rawValue) }
    }

    @Test func theReservedValuesAreTheFifteenOfSection13_5() {
        #expect(Grease.values.count == 15)
        #expect(Grease.values.first == 0x0A0A && Grease.values.last == 0xEAEA)
        #expect(Grease.values.contains(0x7A7A) && !Grease.isGrease(0xFAFA) && !Grease.isGrease(0x0A0B))
    }

    @Test func aKeyPackageCarriesGreaseInEveryAllowedField() throws {
        let alice = try Self.client("alice")
        let bundle = try alice.makeKeyPackage()
        let keyPackage = bundle.keyPackage
        let leaf = keyPackage.leafNode
        #expect(Self.isGreased(leaf.capabilities))
        let leafGrease = Self.greaseExtensions(leaf.extensions)
        let packageGrease = Self.greaseExtensions(keyPackage.extensions)
        #expect(leafGrease.count == 1 && packageGrease.count == 1)
        // §13.5 and §10: reflected in the capabilities.
        for entry in leafGrease + packageGrease { #expect(leaf.capabilities.extensions.contains(entry.type)) }
        // Never in the credential type; the client's own capabilities stay without GREASE.
        #expect(!Grease.isGrease(leaf.credential.type.rawValue))
        #expect(!alice.capabilities.cipherSuites.contains { Grease.isGrease($0.rawValue) })
        #expect(!alice.capabilities.extensions.contains { Grease.isGrease($0.rawValue) })
        // It is a valid KeyPackage, and its types are not repeated.
        let decoded = try UnverifiedKeyPackage(tlsEncoded: keyPackage.tlsEncoded)
        _ = try KeyPackage(validating: decoded, cipherSuite: Self.suite, crypto: DefaultCryptoProvider(), now: Date())
        #expect(Set(leaf.capabilities.extensions).count == leaf.capabilities.extensions.count)
        #expect(Set(keyPackage.extensions.map(\.type)).count == keyPackage.extensions.count)
    }

    @Test func greaseCanBeTurnedOffForFixedContents() async throws {
        let alice = try Self.client("alice", grease: false)
        let keyPackage = try alice.makeKeyPackage().keyPackage
        #expect(keyPackage.leafNode.capabilities == alice.capabilities)
        #expect(keyPackage.extensions.isEmpty && keyPackage.leafNode.extensions.isEmpty)
        var group = try alice.createGroup()
        #expect(group.members[0].leaf.capabilities == alice.capabilities)
        #expect(group.members[0].leaf.extensions.isEmpty)
        let output = try await group.commit()
        guard case .groupInfo(let info) = output.groupInfo.body else {
            Issue.record("not a GroupInfo")
            return
        }
        #expect(Self.greaseExtensions(info.extensions).isEmpty)
    }

    @Test func groupsAndGroupInfosCarryGreaseButNotTheGroupContext() async throws {
        let alice = try Self.client("alice")
        let bob = try Self.client("bob")
        var group = try alice.createGroup()
        let creatorLeaf = group.members[0].leaf
        #expect(Self.isGreased(creatorLeaf.capabilities))
        for entry in Self.greaseExtensions(creatorLeaf.extensions) {
            #expect(creatorLeaf.capabilities.extensions.contains(entry.type))
        }
        #expect(Self.greaseExtensions(creatorLeaf.extensions).count == 1)

        let bobPackage = try bob.makeKeyPackage()
        let output = try await group.commit(group.commitBuilder().adding(bobPackage.keyPackage))
        _ = try group.mergePendingCommit()
        guard case .groupInfo(let info) = output.groupInfo.body else {
            Issue.record("not a GroupInfo")
            return
        }
        #expect(Self.greaseExtensions(info.extensions).count == 1)
        // §13.5: never in GroupContext.extensions, nor in a proposal type.
        #expect(Self.greaseExtensions(info.groupContext.extensions).isEmpty)
        // The new member joins through the GREASEd Welcome and tree.
        let bobGroup = try await bob.join(try #require(output.welcome), keyPackage: bobPackage)
        #expect(bobGroup.epochAuthenticator == group.epochAuthenticator)
    }
}
