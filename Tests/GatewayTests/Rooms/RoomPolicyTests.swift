import DeliveryService
import Foundation
import Gateway
import MLS
import Testing
import XMPP

/// Rooms whose handshakes are PublicMessage: MLSGate follows the group and enforces the room's policy
/// (RFC 9750 §5.3, §6.4).
@Suite struct RoomPolicyTests {
    typealias H = GatewayHarness
    let alice = "alice@example.org/phone"
    let bob = "bob@example.org/laptop"

    /// Alice's room, followed: her group with Bob added by a commit sent with the tree.
    struct Followed {
        var harness: H
        var alice: Group
        var bob: Group
        var sent: [XMLElement]
    }

    func followedRoom(policy: RoomPolicy = RoomPolicy()) async throws -> Followed {
        let harness = try H(policy: policy)
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.join(bob, nick: "bob"))
        var aliceGroup = try H.client("alice@example.org").createGroup()
        let bobClient = try H.client("bob@example.org")
        let bobPackage = try bobClient.makeKeyPackage()
        let treeBefore = aliceGroup.tree.wireNodes
        let add = try await aliceGroup.commit(aliceGroup.commitBuilder().adding(bobPackage.keyPackage))
        _ = try aliceGroup.mergePendingCommit()
        let sent = await harness.route(harness.groupchat(
            alice, id: "add", mls: H.base64(add.commit), welcome: add.welcome.map(H.base64), welcomeTo: "bob@example.org",
            ratchetTree: H.base64(treeBefore.tlsEncoded)))
        let bobGroup = try await bobClient.join(try #require(add.welcome), keyPackage: bobPackage, ratchetTree: add.ratchetTree)
        return Followed(harness: harness, alice: aliceGroup, bob: bobGroup, sent: sent)
    }

    @Test func aFirstCommitWithoutTheTreeIsRefusedAndChangesNothing() async throws {
        let harness = try H(policy: RoomPolicy())
        _ = await harness.route(harness.join(alice, nick: "alice"))
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        let sent = await harness.route(harness.groupchat(alice, id: "c", mls: H.base64(commit.commit)))
        #expect(sent.first?.errorApplicationCondition?.name == "missing-ratchet-tree")
        #expect(await harness.route(harness.roomIQ(alice, "epoch")).first?.errorCondition == "item-not-found")
    }

    @Test func theFollowedRoomAnnouncesMembersAndShowsThemInPresences() async throws {
        let room = try await followedRoom()
        #expect(room.sent.allSatisfy { $0.attribute("type") != "error" })
        let notice = try #require(room.sent.first { $0.child(named: "membership", namespace: MLSNamespace.mls) != nil })
        let added = try #require(notice.child(named: "membership", namespace: MLSNamespace.mls)?.elements.first)
        #expect(added.name == "added" && added.attribute("jid") == "bob@example.org" && added.attribute("leaf") == "1")
        #expect(notice.child(named: "body", namespace: XMPPNamespace.component)?.text.contains("bob@example.org was added") == true)
        let presence = try #require(room.sent.first { $0.name == "presence" && $0.attribute("from") == "room@mls.example.org/bob" })
        #expect(presence.child(named: "member", namespace: MLSNamespace.mls)?.attribute("leaf") == "1")
        let members = try #require(await room.harness.route(room.harness.roomIQ(alice, "members")).first)
        #expect(members.elements.first?.elements.compactMap { $0.attribute("jid") } == ["alice@example.org", "bob@example.org"])
    }

    @Test func aCommitSentForAnotherMemberIsRefused() async throws {
        var room = try await followedRoom()
        let update = try await room.bob.commit(room.bob.commitBuilder().withPath())
        // Alice relays Bob's commit.
        let sent = await room.harness.route(room.harness.groupchat(alice, id: "x", mls: H.base64(update.commit)))
        #expect(sent.first?.errorApplicationCondition?.name == "policy-violation")
        #expect(sent.first?.errorCondition == "not-allowed")
        // Bob himself may.
        let own = await room.harness.route(room.harness.groupchat(bob, id: "y", mls: H.base64(update.commit)))
        #expect(own.allSatisfy { $0.attribute("type") != "error" })
    }

    @Test func underOwnersAndAdminsAMemberCannotRemoveTheOwner() async throws {
        var room = try await followedRoom(policy: RoomPolicy(membershipChanges: .ownersAndAdmins))
        let removal = try await room.bob.commit(room.bob.commitBuilder().removing(room.alice.ownLeaf))
        let sent = await room.harness.route(room.harness.groupchat(bob, id: "r", mls: H.base64(removal.commit)))
        #expect(sent.count == 1)
        #expect(sent.first?.errorApplicationCondition?.name == "policy-violation")
        #expect(sent.first?.errorText?.contains("owners and admins") == true)
        #expect(await room.harness.route(room.harness.roomIQ(alice, "epoch")).first?.elements.first?.attribute("epoch") == "1")
        // The owner may remove Bob.
        let ownerRemoval = try await room.alice.commit(room.alice.commitBuilder().removing(room.bob.ownLeaf))
        let accepted = await room.harness.route(room.harness.groupchat(alice, id: "o", mls: H.base64(ownerRemoval.commit)))
        #expect(accepted.allSatisfy { $0.attribute("type") != "error" })
        #expect(accepted.contains { $0.child(named: "membership", namespace: MLSNamespace.mls)?.elements.first?.name == "removed" })
    }

    /// A SelfRemove removes only its sender: under `owners-and-admins` a member may still leave, and any member
    /// may commit its leaving, while a Remove of the same member by that committer is refused.
    @Test func underOwnersAndAdminsAnyMemberCommitsAnotherMembersSelfRemove() async throws {
        var room = try await followedRoom(policy: RoomPolicy(membershipChanges: .ownersAndAdmins))
        let carol = "carol@example.org/desk"
        _ = await room.harness.route(room.harness.join(carol, nick: "carol"))
        let carolClient = try H.client("carol@example.org")
        let carolPackage = try carolClient.makeKeyPackage()
        let add = try await room.alice.commit(room.alice.commitBuilder().adding(carolPackage.keyPackage))
        _ = try room.alice.mergePendingCommit()
        let added = await room.harness.route(room.harness.groupchat(
            alice, id: "add-carol", mls: H.base64(add.commit), welcome: add.welcome.map(H.base64),
            welcomeTo: "carol@example.org"))
        #expect(added.allSatisfy { $0.attribute("type") != "error" })
        _ = try await room.bob.process(add.commit)
        var carolGroup = try await carolClient.join(try #require(add.welcome), keyPackage: carolPackage)

        // Bob asks to leave: the proposal is accepted.
        let leaving = try room.bob.proposeSelfRemove()
        let proposed = await room.harness.route(room.harness.groupchat(bob, id: "leave", mls: H.base64(leaving)))
        #expect(proposed.allSatisfy { $0.attribute("type") != "error" })
        _ = try await carolGroup.process(leaving)
        // Carol, neither owner nor admin, may not remove Bob herself...
        var removing = carolGroup
        let removal = try await removing.commit(removing.commitBuilder().ignoringReceivedProposals().removing(room.bob.ownLeaf))
        let refused = await room.harness.route(room.harness.groupchat(carol, id: "rm", mls: H.base64(removal.commit)))
        #expect(refused.first?.errorApplicationCondition?.name == "policy-violation")
        // ...but commits his leaving, announced as his removal.
        let commit = try await carolGroup.commit()
        let accepted = await room.harness.route(room.harness.groupchat(carol, id: "c", mls: H.base64(commit.commit)))
        #expect(accepted.allSatisfy { $0.attribute("type") != "error" })
        let notice = try #require(accepted.first { $0.child(named: "membership", namespace: MLSNamespace.mls) != nil })
        let removed = try #require(notice.child(named: "membership", namespace: MLSNamespace.mls)?.elements.first)
        #expect(removed.name == "removed" && removed.attribute("jid") == "bob@example.org")
        #expect(await room.harness.route(room.harness.roomIQ(alice, "epoch")).first?.elements.first?.attribute("epoch") == "3")
    }

    @Test func aFirstCommitWithOnlyItsGroupInfoIsFollowedToo() async throws {
        let harness = try H(policy: RoomPolicy())
        _ = await harness.route(harness.join(alice, nick: "alice"))
        var group = try H.client("alice@example.org").createGroup()
        let commit = try await group.commit(group.commitBuilder().withPath())
        let sent = await harness.route(harness.groupchat(
            alice, id: "c", mls: H.base64(commit.commit), groupInfo: H.base64(commit.groupInfo)))
        #expect(sent.allSatisfy { $0.attribute("type") != "error" })
        let members = try #require(await harness.route(harness.roomIQ(alice, "members")).first)
        #expect(members.elements.first?.attribute("epoch") == "1")
    }

    @Test func aTamperedCommitIsRefusedAsInvalid() async throws {
        var room = try await followedRoom()
        let update = try await room.bob.commit(room.bob.commitBuilder().withPath())
        guard case .publicMessage(let framed) = update.commit.body, case .commit(var commit) = framed.content.body else {
            Issue.record("not a public commit")
            return
        }
        commit.path = nil  // a path-required commit without its path
        var content = framed.content
        content.body = .commit(commit)
        let forged = MLSMessage(body: .publicMessage(try PublicMessage(content: content, auth: framed.auth, membershipTag: framed.membershipTag)))
        let sent = await room.harness.route(room.harness.groupchat(bob, id: "f", mls: H.base64(forged)))
        #expect(sent.first?.errorApplicationCondition?.name == "invalid-handshake")
    }

    @Test func aPrivateMessageHandshakeBreaksThePolicy() async throws {
        let room = try await followedRoom()
        let bytes = H.privateMessage(group: room.alice.groupID, epoch: 1, type: .commit)
        let sent = await room.harness.route(room.harness.groupchat(alice, id: "p", mls: H.base64(bytes)))
        #expect(sent.first?.errorApplicationCondition?.name == "policy-violation")
    }

    @Test func theOwnerConfiguresThePolicyAndDiscoAdvertisesIt() async throws {
        let room = try await followedRoom()
        let owner = "http://jabber.org/protocol/muc#owner"
        let query = XMLElement(name: "query", namespace: owner)
        let refused = await room.harness.route(H.iq("get", from: bob, to: "room@mls.example.org", query))
        #expect(refused.first?.errorCondition == "forbidden")
        let got = try #require(await room.harness.route(H.iq("get", from: alice, to: "room@mls.example.org", query)).first)
        let form = try DataForm(try #require(got.elements.first?.child(named: "x", namespace: DataForm.namespace)))
        #expect(form.values("muc#roomconfig_roomowners") == ["alice@example.org"])

        var submit = query
        submit.append(DataForm(kind: .submit, formType: "http://jabber.org/protocol/muc#roomconfig", fields: [
            DataFormField(variable: "urn:xmpp:mls:0#membership-changes", values: ["owners-and-admins"]),
            DataFormField(variable: "muc#roomconfig_membersonly", values: ["1"]),
        ]).element)
        let answer = await room.harness.route(H.iq("set", from: alice, to: "room@mls.example.org", submit))
        #expect(answer.last?.attribute("type") == "result")
        #expect(answer.contains { $0.name == "message" && $0.child(named: "body", namespace: XMPPNamespace.component)?.text.contains("owners and admins") == true })

        var bad = query
        bad.append(DataForm(kind: .submit, fields: [
            DataFormField(variable: "urn:xmpp:mls:0#handshakes", values: ["private-allowed"]),
        ]).element)
        let inconsistent = await room.harness.route(H.iq("set", from: alice, to: "room@mls.example.org", bad))
        #expect(inconsistent.first?.errorCondition == "not-acceptable")

        let info = XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)
        let disco = try #require(await room.harness.route(H.iq("get", from: bob, to: "room@mls.example.org", info)).first)
        let features = disco.elements.first?.elements.filter { $0.name == "feature" }.compactMap { $0.attribute("var") } ?? []
        #expect(features.contains(MLSNamespace.mls) && features.contains("muc_membersonly"))
        let extended = try DataForm(try #require(disco.elements.first?.child(named: "x", namespace: DataForm.namespace)))
        #expect(extended.formType == "urn:xmpp:mls:0#policy")
        #expect(extended.value("membership-changes") == "owners-and-admins")
        #expect(extended.value("members") == "2" && extended.value("epoch") == "1")
    }

    @Test func aServiceAdministratorMayConfigureAnyRoom() async throws {
        let room = try await followedRoom()
        let admin = "root@example.org/console"
        let restarted = try H(
            store: room.harness.store, policy: RoomPolicy(), serviceAdmins: [try JID("root@example.org")])
        let query = XMLElement(name: "query", namespace: "http://jabber.org/protocol/muc#owner")
        let got = await restarted.route(H.iq("get", from: admin, to: "room@mls.example.org", query))
        #expect(got.first?.attribute("type") == "result")
        let refused = await room.harness.route(H.iq("get", from: admin, to: "room@mls.example.org", query))
        #expect(refused.first?.errorCondition == "forbidden")
    }

    @Test func aMembersOnlyRoomRefusesNonMembers() async throws {
        let room = try await followedRoom(policy: RoomPolicy(occupants: .membersOnly))
        let sent = await room.harness.route(room.harness.join("mallory@example.org/x", nick: "mallory"))
        #expect(sent.first?.errorCondition == "registration-required")
    }

    @Test func theFollowedStateSurvivesARestartOfTheHost() async throws {
        var room = try await followedRoom(policy: RoomPolicy(membershipChanges: .ownersAndAdmins))
        let restarted = try H(store: room.harness.store, policy: RoomPolicy())
        _ = await restarted.route(restarted.join(bob, nick: "bob"))
        let removal = try await room.bob.commit(room.bob.commitBuilder().removing(room.alice.ownLeaf))
        let sent = await restarted.route(restarted.groupchat(bob, id: "r", mls: H.base64(removal.commit)))
        #expect(sent.first?.errorApplicationCondition?.name == "policy-violation")
    }

    @Test func anIdleMemberIsProposedForRemovalByMLSGateAsExternalSender() async throws {
        let harness = try H(policy: RoomPolicy(idleEvictionEpochs: 2))
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.join(bob, nick: "bob"))
        // The group lists MLSGate's external sender, as the room's disco#info gives it.
        let joined = await harness.route(harness.join(alice, nick: "alice"))
        #expect(!joined.isEmpty)
        let info = XMLElement(name: "query", namespace: XMPPNamespace.discoInfo)
        let disco = try #require(await harness.route(H.iq("get", from: alice, to: "room@mls.example.org", info)).first)
        let form = try DataForm(try #require(disco.elements.first?.child(named: "x", namespace: DataForm.namespace)))
        let senderText = try #require(form.value("external-sender"))
        let senderBytes = try #require(Data(base64Encoded: senderText))
        let sender = try ExternalSender(tlsEncoded: Array(senderBytes))
        var writer = TLSWriter()
        writer.writeVector([sender])
        var group = try H.client("alice@example.org").createGroup(
            extensions: [Extension(type: .externalSenders, data: writer.bytes)])
        let bobPackage = try H.client("bob@example.org").makeKeyPackage()
        let add = try await group.commit(group.commitBuilder().adding(bobPackage.keyPackage))
        _ = try group.mergePendingCommit()
        let first = await harness.route(harness.groupchat(
            alice, id: "a", mls: H.base64(add.commit), welcome: add.welcome.map(H.base64), welcomeTo: "bob@example.org",
            groupInfo: H.base64(add.groupInfo)))
        #expect(first.allSatisfy { $0.attribute("type") != "error" })

        var proposals: [XMLElement] = []
        for round in 0..<2 {
            let update = try await group.commit(group.commitBuilder().withPath())
            _ = try group.mergePendingCommit()
            let sent = await harness.route(harness.groupchat(alice, id: "u\(round)", mls: H.base64(update.commit)))
            #expect(sent.allSatisfy { $0.attribute("type") != "error" })
            proposals += sent.filter { $0.attribute("from") == "room@mls.example.org" && $0.child(named: "mls", namespace: MLSNamespace.mls) != nil }
        }
        // Bob got his keys in epoch 1; at epoch 3 he has been idle for two epochs.
        let toAlice = try #require(proposals.first { $0.attribute("to") == alice })
        let proposalText = try #require(toAlice.child(named: "mls", namespace: MLSNamespace.mls)?.text)
        let bytes = try #require(Data(base64Encoded: proposalText))
        guard case .proposal(let proposal) = try await group.process(try MLSMessage(tlsEncoded: Array(bytes))) else {
            Issue.record("not a proposal")
            return
        }
        #expect(proposal.sender == .external(senderIndex: 0))
        guard case .remove(let removed) = proposal.proposal else {
            Issue.record("not a Remove")
            return
        }
        #expect(removed == LeafIndex(1))
        let removal = try await group.commit(group.commitBuilder())
        _ = try group.mergePendingCommit()
        let sent = await harness.route(harness.groupchat(alice, id: "r", mls: H.base64(removal.commit)))
        #expect(sent.contains { $0.child(named: "membership", namespace: MLSNamespace.mls)?.elements.first?.attribute("jid") == "bob@example.org" })
    }

    @Test func aCommitLeavingTheLastEpochIsRefusedBeforeAnythingElse() async throws {
        let harness = try H(policy: RoomPolicy())
        _ = await harness.route(harness.join(alice, nick: "alice"))
        let bytes = H.privateMessage(group: [1], epoch: UInt64.max, type: .commit)
        let sent = await harness.route(harness.groupchat(alice, id: "x", mls: H.base64(bytes)))
        #expect(sent.first?.errorApplicationCondition?.name == "epoch-exhausted")
    }

    @Test func onlyAnOwnerStartsFollowingAGroupTheRoomAlreadyHas() async throws {
        // The room orders a group without following it, then its owner switches it to PublicMessage.
        let harness = try H(policy: RoomPolicy(handshakes: .privateAllowed))
        _ = await harness.route(harness.join(alice, nick: "alice"))
        _ = await harness.route(harness.join(bob, nick: "bob"))
        var aliceGroup = try H.client("alice@example.org").createGroup()
        let bobClient = try H.client("bob@example.org")
        let bobPackage = try bobClient.makeKeyPackage()
        let add = try await aliceGroup.commit(aliceGroup.commitBuilder().adding(bobPackage.keyPackage))
        _ = try aliceGroup.mergePendingCommit()
        _ = await harness.route(harness.groupchat(alice, id: "a", mls: H.base64(add.commit)))
        var bobGroup = try await bobClient.join(try #require(add.welcome), keyPackage: bobPackage, ratchetTree: add.ratchetTree)
        var submit = XMLElement(name: "query", namespace: "http://jabber.org/protocol/muc#owner")
        submit.append(DataForm(kind: .submit, fields: [
            DataFormField(variable: "urn:xmpp:mls:0#handshakes", values: ["public"]),
        ]).element)
        let configured = await harness.route(H.iq("set", from: alice, to: "room@mls.example.org", submit))
        #expect(configured.last?.attribute("type") == "result")

        let tree = H.base64(bobGroup.tree.wireNodes.tlsEncoded)
        let bobs = try await bobGroup.commit(bobGroup.commitBuilder().withPath())
        let refused = await harness.route(harness.groupchat(bob, id: "b", mls: H.base64(bobs.commit), ratchetTree: tree))
        #expect(refused.first?.errorApplicationCondition?.name == "policy-violation")
        let proposal = try bobGroup.propose(.remove(aliceGroup.ownLeaf))
        let unfollowed = await harness.route(harness.groupchat(bob, id: "p", mls: H.base64(proposal)))
        #expect(unfollowed.first?.errorApplicationCondition?.name == "missing-ratchet-tree")

        let alices = try await aliceGroup.commit(aliceGroup.commitBuilder().withPath())
        let accepted = await harness.route(harness.groupchat(
            alice, id: "c", mls: H.base64(alices.commit), ratchetTree: H.base64(aliceGroup.tree.wireNodes.tlsEncoded),
            cipherSuite: "1"))
        #expect(accepted.allSatisfy { $0.attribute("type") != "error" }, "\(accepted.first?.errorText ?? "")")
        let members = try #require(await harness.route(harness.roomIQ(alice, "members")).first)
        #expect(members.elements.first?.attribute("epoch") == "2")
    }

    @Test func underOwnersAndAdminsAMemberCannotChangeTheGroupsExtensions() async throws {
        var room = try await followedRoom(policy: RoomPolicy(membershipChanges: .ownersAndAdmins))
        var writer = TLSWriter()
        writer.writeVector([ExternalSender(signatureKey: [UInt8](repeating: 7, count: 32), credential: .basic(identity: Array("x".utf8)))])
        let change = try await room.bob.commit(
            room.bob.commitBuilder().settingExtensions([Extension(type: .externalSenders, data: writer.bytes)]))
        let sent = await room.harness.route(room.harness.groupchat(bob, id: "e", mls: H.base64(change.commit)))
        #expect(sent.first?.errorApplicationCondition?.name == "policy-violation")
        #expect(sent.first?.errorText?.contains("extensions") == true)
    }

    @Test func aWelcomeThatTheCommitDoesNotAddIsRefused() async throws {
        var room = try await followedRoom()
        let carol = try H.client("carol@example.org")
        var other = try H.client("alice@example.org").createGroup()
        let decoy = try await other.commit(other.commitBuilder().adding(try carol.makeKeyPackage().keyPackage))
        let update = try await room.alice.commit(room.alice.commitBuilder().withPath())
        let sent = await room.harness.route(room.harness.groupchat(
            alice, id: "w", mls: H.base64(update.commit), welcome: decoy.welcome.map(H.base64),
            welcomeTo: "carol@example.org"))
        #expect(sent.count == 1)
        #expect(sent.first?.errorApplicationCondition?.name == "invalid-handshake")
    }

    @Test func theServiceIsAMUCServiceThatListsItsRooms() async throws {
        let room = try await followedRoom()
        let items = try #require(await room.harness.route(
            H.iq("get", from: bob, to: "mls.example.org", XMLElement(name: "query", namespace: XMPPNamespace.discoItems))).first)
        #expect(items.elements.first?.elements.compactMap { $0.attribute("jid") } == ["room@mls.example.org"])
        let info = try #require(await room.harness.route(
            H.iq("get", from: bob, to: "mls.example.org", XMLElement(name: "query", namespace: XMPPNamespace.discoInfo))).first)
        #expect(info.elements.first?.elements.contains {
            $0.name == "identity" && $0.attribute("category") == "conference" && $0.attribute("type") == "text"
        } == true)
    }
}
