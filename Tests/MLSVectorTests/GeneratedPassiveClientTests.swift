import Foundation
import MLS
import MLSVectors
import Testing

/// A passive-client scenario recorded from MLSGate clients, with epochs the official files do not
/// exercise: an external join, an external sender's proposal, a PSK, and a ReInit. It runs
/// through the same runner as `mlsgate vectors --kind passive-client`.
struct GeneratedPassiveClientTests {
    @Test func passiveClientFollowsExternalJoinsExternalProposalsPSKsAndReinit() async throws {
        let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519
        let provider = try DefaultCryptoProvider().provider(for: suite)
        let server = try provider.generateSignatureKeyPair()
        var senders = TLSWriter()
        senders.writeVector([ExternalSender(signatureKey: server.publicKey, credential: .basic(identity: Array("ds".utf8)))])
        let psk: [UInt8] = Array(repeating: 9, count: 32)
        let store = StaticPSKStore(external: [[1, 2, 3]: psk])
        var configuration = GroupConfiguration()
        configuration.externalPubInGroupInfo = true
        func client(_ name: String) throws -> Client {
            try Client(
                suite: suite, credential: .basic(identity: Array(name.utf8)), configuration: configuration,
                services: GroupServices(psks: store))
        }
        let alice = try client("alice")
        let passive = try client("passive")
        var group = try alice.createGroup(extensions: [Extension(type: .externalSenders, data: senders.bytes)])
        let bundle = try passive.makeKeyPackage()
        let added = try await group.commit(group.commitBuilder().adding(bundle.keyPackage))
        _ = try group.mergePendingCommit()
        var epochs: [[String: Any]] = []
        func record(proposals: [MLSMessage], commit: MLSMessage, authenticator: [UInt8]) {
            epochs.append([
                "proposals": proposals.map { $0.tlsEncoded.hexString }, "commit": commit.tlsEncoded.hexString,
                "epoch_authenticator": authenticator.hexString,
            ])
        }

        // An external join by dave.
        let update = try await group.commit(group.commitBuilder().withPath())
        _ = try group.mergePendingCommit()
        record(proposals: [], commit: update.commit, authenticator: group.epochAuthenticator)
        guard case .groupInfo(let info) = update.groupInfo.body else { throw GroupError.invalidOperation("no GroupInfo") }
        let dave = try client("dave")
        let (_, join) = try await Group.joinByExternalCommit(
            groupInfo: info, credential: dave.credential, signatureKeyPair: dave.signatureKeyPair,
            capabilities: dave.capabilities, crypto: dave.crypto)
        _ = try await group.process(join.commit)
        record(proposals: [], commit: join.commit, authenticator: group.epochAuthenticator)

        // The external sender removes dave; alice commits it with a PSK.
        let daveLeaf = try #require(group.members.last?.index)
        let removal = try ExternalProposal.make(
            .remove(daveLeaf), groupID: group.groupID, epoch: group.epoch, senderIndex: 0,
            signaturePrivateKey: server.privateKey, provider: provider)
        _ = try await group.process(removal)
        let pskID = PreSharedKeyID(kind: .external(id: [1, 2, 3]), nonce: provider.randomBytes(count: 32))
        let commit = try await group.commit(group.commitBuilder().injecting(pskID))
        _ = try group.mergePendingCommit()
        record(proposals: [removal], commit: commit.commit, authenticator: group.epochAuthenticator)

        // A ReInit ends the scenario.
        let reinit = try await group.commit(group.commitBuilder().proposing(.reInit(
            ReInit(groupID: [7], version: .mls10, cipherSuite: .mls128DHKEMP256AES128GCMSHA256P256, extensions: []))))
        _ = try group.mergePendingCommit()
        record(proposals: [], commit: reinit.commit, authenticator: group.epochAuthenticator)

        let scenario: [String: Any] = [
            "cipher_suite": Int(suite.rawValue),
            "external_psks": [["psk_id": [UInt8]([1, 2, 3]).hexString, "psk": psk.hexString]],
            "key_package": MLSMessage(body: .keyPackage(bundle.keyPackage)).tlsEncoded.hexString,
            "signature_priv": passive.signatureKeyPair.privateKey.hexString,
            "encryption_priv": bundle.encryptionPrivateKey.hexString,
            "init_priv": bundle.initPrivateKey.hexString,
            "welcome": try #require(added.welcome).tlsEncoded.hexString,
            "ratchet_tree": NSNull(),
            "initial_epoch_authenticator": try await passiveAuthenticator(added, bundle, passive),
            "epochs": epochs,
        ]
        let data = try JSONSerialization.data(withJSONObject: [scenario])
        let report = await VectorSuite.run(kind: .passiveClient, name: "generated", data: data, crypto: DefaultCryptoProvider())
        #expect(report.failures.map(\.description) == [])
        #expect(report.passed == 1, "\(report.summaryLine)")

        // A wrong authenticator in the last epoch is caught.
        var broken = scenario
        var brokenEpochs = epochs
        brokenEpochs[brokenEpochs.count - 1]["epoch_authenticator"] = [UInt8](repeating: 0, count: 32).hexString
        broken["epochs"] = brokenEpochs
        let brokenReport = await VectorSuite.run(
            kind: .passiveClient, name: "broken", data: try JSONSerialization.data(withJSONObject: [broken]),
            crypto: DefaultCryptoProvider())
        #expect(brokenReport.failed == 1)
    }

    private func passiveAuthenticator(_ added: CommitOutput, _ bundle: KeyPackageBundle, _ passive: Client) async throws
        -> String
    {
        try await passive.join(try #require(added.welcome), keyPackage: bundle).epochAuthenticator.hexString
    }
}
