import Foundation
import MLS
import MLSTestSupport

// The group messages that put foreign objects in front of a room that follows its group, one JSON object per
// line: `name`, `sender` (a bare JID), `mls` (base64 MLSMessage), `ratchet_tree` or `group_info` (base64, with
// the first commit, from which the room starts following), `expect` (`accepted`, or the application condition of the room's refusal) and `epoch_after` (the room's epoch
// once the message is handled).

struct Step: Encodable {
    var name: String
    var sender: String
    var mls: String
    var ratchetTree: String?
    var groupInfo: String?
    var expect: String
    var epochAfter: UInt64

    enum CodingKeys: String, CodingKey {
        case name, sender, mls, expect
        case ratchetTree = "ratchet_tree"
        case groupInfo = "group_info"
        case epochAfter = "epoch_after"
    }
}

let suite = CipherSuite.mls128DHKEMX25519AES128GCMSHA256Ed25519

func client(_ jid: String, withExtension: Bool) throws -> Client {
    var client = try Client(suite: suite, credential: .basic(identity: Array(jid.utf8)))
    if withExtension { client.capabilities.extensions.append(ForeignObjectCase.groupExtension) }
    return client
}

func base64(_ message: MLSMessage) -> String { Data(message.tlsEncoded).base64EncodedString() }

func emit(_ step: Step) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(step), as: UTF8.self))
}

/// The first commit of `group`, with what a followed room needs to start following: the tree of the commit's
/// epoch, or the GroupInfo of the epoch it creates, which alone tells the room the group's extensions.
func firstCommit(
    _ group: inout Group, sender: String, adding packages: [UnverifiedKeyPackage] = [], withGroupInfo: Bool = false
) async throws -> CommitOutput {
    let tree = Data(group.tree.wireNodes.tlsEncoded).base64EncodedString()
    var builder = group.commitBuilder().withPath()
    for package in packages { builder = builder.adding(package) }
    let output = try await group.commit(builder)
    _ = try group.mergePendingCommit()
    try emit(Step(
        name: "first commit", sender: sender, mls: base64(output.commit),
        ratchetTree: withGroupInfo ? nil : tree, groupInfo: withGroupInfo ? base64(output.groupInfo) : nil,
        expect: "accepted", epochAfter: group.epoch))
    return output
}

func corpus(sender: String, member: String, withExtension: Bool) async throws {
    let owner = try client(sender, withExtension: withExtension)
    var group = try owner.createGroup(
        extensions: withExtension ? [Extension(type: ForeignObjectCase.groupExtension, data: [])] : [])
    _ = try await firstCommit(&group, sender: sender, withGroupInfo: withExtension)
    for foreign in ForeignObjectCase.all where foreign.inGroupWithExtension == withExtension {
        let package = try foreign.keyPackage(for: try client(member, withExtension: false))
        switch foreign.inGroup {
        case .accepted:
            // MLSGate's API adds only members listing the group's version and suite (§11); other
            // implementations' commits may add the others.
            let output =
                foreign.supportsGroupParameters
                ? try await group.commit(group.commitBuilder().adding(package.keyPackage))
                : try await ForgedCommit.addingUnchecked(package.keyPackage, by: &group)
            _ = try group.mergePendingCommit()
            try emit(Step(
                name: foreign.name, sender: sender, mls: base64(output.commit), expect: "accepted",
                epochAfter: group.epoch))
        case .refused:
            var forger = group
            let forged = try ForgedCommit.make(by: &forger, proposals: [.proposal(.add(package.keyPackage))])
            try emit(Step(
                name: foreign.name, sender: sender, mls: base64(forged), expect: "invalid-handshake",
                epochAfter: group.epoch))
        }
    }
}

func selfRemove(owner ownerJID: String, leaver leaverJID: String, committer committerJID: String) async throws {
    let owner = try client(ownerJID, withExtension: false)
    let leaver = try client(leaverJID, withExtension: false)
    let committer = try client(committerJID, withExtension: false)
    let leaverPackage = try leaver.makeKeyPackage()
    let committerPackage = try committer.makeKeyPackage()
    var ownerGroup = try owner.createGroup()
    let added = try await firstCommit(
        &ownerGroup, sender: ownerJID, adding: [leaverPackage.keyPackage, committerPackage.keyPackage])
    guard let welcome = added.welcome else { throw GroupError.noPendingCommit }
    var leaverGroup = try await leaver.join(welcome, keyPackage: leaverPackage)
    var committerGroup = try await committer.join(welcome, keyPackage: committerPackage)
    // A Remove of the leaver by a member who is no admin breaks an owners-and-admins policy.
    var removing = committerGroup
    let removal = try await removing.commit(removing.commitBuilder().removing(leaverGroup.ownLeaf))
    try emit(Step(
        name: "a Remove by a member who is no admin", sender: committerJID, mls: base64(removal.commit),
        expect: "policy-violation", epochAfter: ownerGroup.epoch))
    // Leaving is always allowed: the leaver's SelfRemove, committed by that same member.
    let proposal = try leaverGroup.proposeSelfRemove()
    try emit(Step(
        name: "a SelfRemove proposal", sender: leaverJID, mls: base64(proposal), expect: "accepted",
        epochAfter: ownerGroup.epoch))
    _ = try await committerGroup.process(proposal)
    let commit = try await committerGroup.commit()
    _ = try committerGroup.mergePendingCommit()
    try emit(Step(
        name: "a commit of the SelfRemove by a member who is no admin", sender: committerJID,
        mls: base64(commit.commit), expect: "accepted", epochAfter: committerGroup.epoch))
}

