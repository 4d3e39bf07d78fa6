"""The Delivery Service through a real server with real clients and real mls-rs.

slixmpp clients talk to mlsgate through Prosody (and ejabberd); the mls-rs
peer (Tests/MLSRsPeer) makes the KeyPackages, commits and Welcomes. Checked
here, as docs/protocol.md describes: the KeyPackage directory (publish, fetch
never serves one twice, forged or foreign KeyPackages refused), one commit per
epoch with stale-epoch for the loser, Welcome delivery only for the winning
commit, and durability across a SIGKILL of mlsgate.
"""

from __future__ import annotations

import asyncio
import base64
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest
from slixmpp.exceptions import IqError

from mls_peer import MLSPeer
from mlsgate_process import AUTHENTICATED, MLSGateProcess, mlsgate_binary
from servers import XMPPServer
from xmpp_client import TestClient, run

KINDS = os.environ.get("MLSGATE_XMPP_SERVERS", "prosody ejabberd").split()
KP_NS = "urn:xmpp:mls:keypackages:0"
MLS_NS = "urn:xmpp:mls:0"
SID_NS = "urn:xmpp:sid:0"
STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas"


@pytest.fixture(scope="module", params=KINDS)
def server(request):
    srv = XMPPServer(request.param)
    with srv:
        yield srv


@pytest.fixture
def gate(server):
    # Metrics on a free port, so tests can check the figures their traffic produced.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with MLSGateProcess(server, env={"MLSGATE_METRICS_LISTEN": f"127.0.0.1:{port}"}) as process:
        process.metrics_port = port
        process.wait_for_log(AUTHENTICATED)
        yield process


@pytest.fixture
def peer():
    with MLSPeer() as p:
        yield p


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def bare(server: XMPPServer, user: str) -> str:
    return f"{user}@{server.domain}"


def client(server: XMPPServer, user: str) -> TestClient:
    return TestClient(bare(server, user), server.password, port=server.c2s_port)


def kp_element(name: str, **attributes) -> ET.Element:
    return ET.Element(f"{{{KP_NS}}}{name}", {k.replace("_", "-"): v for k, v in attributes.items()})


async def publish(who: TestClient, server: XMPPServer, packages: list[bytes]) -> ET.Element:
    payload = kp_element("publish")
    for package in packages:
        ET.SubElement(payload, f"{{{KP_NS}}}key-package").text = b64(package)
    return await who.iq("set", server.component_domain, payload)


async def fetch(who: TestClient, server: XMPPServer, jid: str) -> list[bytes]:
    result = await who.iq("get", server.component_domain, kp_element("fetch", jid=jid, cipher_suite="1"))
    return [unb64(e.text) for e in result.findall(f"{{{KP_NS}}}key-package")]


def mls_children(commit: bytes, welcome: bytes | None = None, tree: bytes | None = None) -> list[ET.Element]:
    """The children of a group message; `tree` is the ratchet tree of the commit's epoch, which a room
    that follows its group needs with the first commit (docs/protocol.md)."""
    children = [ET.Element(f"{{{MLS_NS}}}mls")]
    children[0].text = b64(commit)
    if welcome is not None:
        element = ET.Element(f"{{{MLS_NS}}}welcome")
        element.text = b64(welcome)
        children.append(element)
    if tree is not None:
        element = ET.Element(f"{{{MLS_NS}}}ratchet-tree", {"cipher-suite": "1"})
        element.text = b64(tree)
        children.append(element)
    return children


def tree_of(peer, client: str) -> bytes:
    """The client's current ratchet tree, to send with the first commit of a room."""
    return bytes.fromhex(peer("tree", client=client)["ratchet_tree"])


def is_reflection(stanza) -> bool:
    return stanza.get("type") == "groupchat" and stanza.find(f"{{{MLS_NS}}}mls") is not None


def is_error(stanza) -> bool:
    return stanza.get("type") == "error"


def is_welcome(stanza) -> bool:
    return stanza.get("type") != "error" and stanza.find(f"{{{MLS_NS}}}welcome") is not None


async def nothing_arrives(who: TestClient, predicate, seconds: float = 2.0) -> bool:
    try:
        await who.next_stanza(predicate, timeout=seconds)
    except asyncio.TimeoutError:
        return True
    return False


def test_mlsrs_keypackages_are_published_and_each_fetched_once(server, gate, peer):
    bob_jid = bare(server, "bob")
    peer.client(bob_jid)
    packages = [peer.key_package(bob_jid) for _ in range(3)]

    async def scenario():
        async with client(server, "bob") as bob, client(server, "alice") as alice:
            published = await publish(bob, server, packages)
            assert published.tag == f"{{{KP_NS}}}published"
            assert published.get("available") == "3"
            count = await bob.iq("get", server.component_domain, kp_element("count"))
            assert (count.get("available"), count.get("last-resort")) == ("3", "false")
            served = []
            for _ in range(3):
                got = await fetch(alice, server, bob_jid)
                assert len(got) == 1
                served.append(got[0])
            assert sorted(served) == sorted(packages)
            with pytest.raises(IqError) as refused:
                await fetch(alice, server, bob_jid)
            assert refused.value.iq["error"]["condition"] == "item-not-found"

    run(scenario())


def test_a_forged_keypackage_or_one_naming_another_jid_is_refused(server, gate, peer):
    alice_jid, bob_jid = bare(server, "alice"), bare(server, "bob")
    peer.client(alice_jid)
    peer.client(bob_jid)
    genuine = peer.key_package(bob_jid)
    forged = genuine[:-1] + bytes([genuine[-1] ^ 1])  # the signature is last
    foreign = peer.key_package(alice_jid)

    async def scenario():
        async with client(server, "bob") as bob:
            for bad, reason in ((forged, "bad-signature"), (foreign, "identity-mismatch")):
                with pytest.raises(IqError) as refused:
                    await publish(bob, server, [genuine, bad])
                error = refused.value.iq["error"]
                assert error["condition"] == "bad-request"
                assert error.xml.find(f"{{{KP_NS}}}{reason}") is not None, ET.tostring(error.xml)
                assert error["text"]
            count = await bob.iq("get", server.component_domain, kp_element("count"))
            assert count.get("available") == "0"

    run(scenario())


def core_key_package(identity: str, *extra: str) -> bytes:
    """A KeyPackage made by MLSGate's own MLS core (`mlsgate make-keypackage`)."""
    output = subprocess.run(
        [str(mlsgate_binary()), "make-keypackage", "--identity", identity, *extra],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout
    return unb64(output.strip())


def test_core_keypackages_are_published_and_fetched_and_expired_ones_refused(server, gate):
    alice_jid, bob_jid = bare(server, "alice"), bare(server, "bob")
    fresh = core_key_package(bob_jid)
    expired = core_key_package(bob_jid, "--valid-from", "1000", "--valid-until", "2000")

    async def scenario():
        async with client(server, "bob") as bob, client(server, "alice") as alice:
            with pytest.raises(IqError) as refused:
                await publish(bob, server, [fresh, expired])
            error = refused.value.iq["error"]
            assert error["condition"] == "bad-request"
            assert error.xml.find(f"{{{KP_NS}}}lifetime-not-current") is not None, ET.tostring(error.xml)
            published = await publish(bob, server, [fresh])
            assert published.get("available") == "1"
            assert await fetch(alice, server, bob_jid) == [fresh]
            with pytest.raises(IqError) as gone:
                await fetch(alice, server, bob_jid)
            assert gone.value.iq["error"]["condition"] == "item-not-found"

    run(scenario())


async def group_of_alice_and_bob(server, peer, alice: TestClient, bob: TestClient, room: str):
    """alice and bob join the room; alice creates the group and adds bob with a KeyPackage from the
    directory; bob joins from the Welcome mlsgate delivered. Returns the group id (hex)."""
    alice_jid, bob_jid = bare(server, "alice"), bare(server, "bob")
    peer.client(alice_jid)
    peer.client(bob_jid)
    await alice.join_room(room, "alice")
    await bob.join_room(room, "bob")
    await publish(bob, server, [peer.key_package(bob_jid)])
    [package] = await fetch(alice, server, bob_jid)
    group = peer("create_group", client=alice_jid)["group_id"]
    tree = tree_of(peer, alice_jid)
    add = peer("add", client=alice_jid, key_packages=[package.hex()], merge=False)
    alice.send_message_with(
        room, mls_children(bytes.fromhex(add["commit"]), bytes.fromhex(add["welcome"]), tree), mtype="groupchat")
    await alice.next_stanza(is_reflection)
    peer("process", client=alice_jid, message=add["commit"])
    await bob.next_stanza(is_reflection)
    welcome = await bob.next_stanza(is_welcome)
    assert welcome.get("from") == room
    peer("join", client=bob_jid, welcome=unb64(welcome.find(f"{{{MLS_NS}}}welcome").text).hex())
    return group


def test_two_commits_for_one_epoch_exactly_one_wins(server, gate, peer):
    room = f"race@{server.component_domain}"
    alice_jid, bob_jid = bare(server, "alice"), bare(server, "bob")

    async def scenario():
        async with client(server, "alice") as alice, client(server, "bob") as bob:
            await group_of_alice_and_bob(server, peer, alice, bob, room)
            assert peer("epoch", client=bob_jid)["epoch"] == 1
            first = bytes.fromhex(peer("commit", client=alice_jid, merge=False)["commit"])
            second = bytes.fromhex(peer("commit", client=bob_jid, merge=False)["commit"])
            ids = {
                alice.send_message_with(room, mls_children(first), mtype="groupchat"): "alice",
                bob.send_message_with(room, mls_children(second), mtype="groupchat"): "bob",
            }
            outcomes = {}
            for who in (alice, bob):
                stanza = await who.next_stanza(lambda s: s.get("id") in ids and (is_error(s) or is_reflection(s)))
                outcomes[ids[stanza.get("id")] if is_error(stanza) else "reflected"] = stanza
            # Each member sees the winner reflected; the loser's sender also gets the error.
            errors = []
            for who in (alice, bob):
                while True:
                    try:
                        stanza = await who.next_stanza(lambda s: s.get("id") in ids, timeout=3)
                    except asyncio.TimeoutError:
                        break
                    if is_error(stanza):
                        errors.append(stanza)
            errors += [s for s in outcomes.values() if is_error(s)]
            assert len(errors) == 1, [ET.tostring(e) for e in errors]
            error = errors[0].find("{jabber:client}error")
            assert error.find(f"{{{STANZAS_NS}}}conflict") is not None
            stale = error.find(f"{{{MLS_NS}}}stale-epoch")
            assert stale is not None and stale.get("epoch") == "2"
            epoch = await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}epoch"))
            assert epoch.get("epoch") == "2"
            history = await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}history"))
            assert [m.get("epoch") for m in history] == ["0", "1"]
            # A commit refused while its Welcome is decoded is still counted as a rejected commit.
            bad = alice.send_message_with(room, mls_children(first, welcome=b"\x00\x01"), mtype="groupchat")
            refused = await alice.next_stanza(lambda s: s.get("id") == bad and is_error(s))
            assert refused.find(f"{{jabber:client}}error/{{{MLS_NS}}}malformed-welcome") is not None, \
                ET.tostring(refused)

    run(scenario(), timeout=120)
    values = scrape(gate.metrics_port)

    def commits(result: str, reason: str | None = None) -> float:
        return sum(
            value for name, value in values.items()
            if name.startswith("mlsgate_commits_total{") and f'result="{result}"' in name
            and (reason is None or f'reason="{reason}"' in name)
        )

    assert commits("accepted") == 2, values
    assert commits("rejected", "stale-epoch") == 1, values
    assert commits("rejected", "malformed-welcome") == 1, values
    assert values.get("mlsgate_rooms") == 1, values
    assert values.get("mlsgate_sequencer_duration_seconds_count", 0) >= 4, values


def test_a_welcome_reaches_the_new_member_only_when_its_commit_wins(server, gate, peer):
    room = f"welcome@{server.component_domain}"
    alice_jid, bob_jid, carol_jid = bare(server, "alice"), bare(server, "bob"), bare(server, "carol")

    async def scenario():
        async with client(server, "alice") as alice, client(server, "bob") as bob, \
                client(server, "carol") as carol:
            await group_of_alice_and_bob(server, peer, alice, bob, room)
            peer.client(carol_jid)
            await publish(carol, server, [peer.key_package(carol_jid)])
            [package] = await fetch(alice, server, carol_jid)
            add = peer("add", client=alice_jid, key_packages=[package.hex()], merge=False)
            empty = peer("commit", client=bob_jid, merge=False)
            bob.send_message_with(room, mls_children(bytes.fromhex(empty["commit"])), mtype="groupchat")
            await bob.next_stanza(is_reflection)
            mid = alice.send_message_with(
                room, mls_children(bytes.fromhex(add["commit"]), bytes.fromhex(add["welcome"])), mtype="groupchat")
            refused = await alice.next_stanza(lambda s: s.get("id") == mid and is_error(s))
            assert refused.find("{jabber:client}error").find(f"{{{MLS_NS}}}stale-epoch") is not None
            assert await nothing_arrives(carol, is_welcome)

    run(scenario(), timeout=120)


def test_sigkill_loses_no_accepted_message_and_serves_no_keypackage_twice(server, peer):
    room = f"durable@{server.component_domain}"
    alice_jid, bob_jid = bare(server, "alice"), bare(server, "bob")
    peer.client(alice_jid)
    peer.client(bob_jid)
    packages = [peer.key_package(bob_jid) for _ in range(2)]
    first = MLSGateProcess(server)
    first.start()
    try:
        first.wait_for_log(AUTHENTICATED)

        async def before():
            async with client(server, "alice") as alice, client(server, "bob") as bob:
                await publish(bob, server, packages)
                served = await fetch(alice, server, bob_jid)
                await alice.join_room(room, "alice")
                peer("create_group", client=alice_jid)
                tree = tree_of(peer, alice_jid)
                commit = peer("commit", client=alice_jid)
                ids = []
                for payload in [commit["commit"]] + [
                        peer("encrypt", client=alice_jid, data=f"m{i}".encode().hex())["message"] for i in range(2)]:
                    first = payload == commit["commit"]
                    alice.send_message_with(
                        room, mls_children(bytes.fromhex(payload), tree=tree if first else None), mtype="groupchat")
                    reflected = await alice.next_stanza(is_reflection)
                    ids.append(reflected.find(f"{{{SID_NS}}}stanza-id").get("id"))
                return served, ids

        served, ids = run(before(), timeout=90)
        first.proc.kill()
        first.proc.wait(timeout=10)
    finally:
        first.stop()

    with MLSGateProcess(server, config=first.config) as second:
        second.wait_for_log(AUTHENTICATED, timeout=60)

        async def after():
            async with client(server, "alice") as alice:
                history = await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}history"))
                assert history.get("complete") == "true"
                assert [m.get("stanza-id") for m in history] == ids
                again = await fetch(alice, server, bob_jid)
                assert again and again[0] not in served
                with pytest.raises(IqError):
                    await fetch(alice, server, bob_jid)

        run(after(), timeout=90)


def scrape(port: int) -> dict[str, float]:
    """GET /metrics and return each sample line's value by its name and labels."""
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }


def test_metrics_count_keypackages_published_served_and_in_stock(server, peer):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bob_jid = bare(server, "bob")
    peer.client(bob_jid)
    packages = [peer.key_package(bob_jid) for _ in range(2)]
    with MLSGateProcess(server, env={"MLSGATE_METRICS_LISTEN": f"127.0.0.1:{port}"}) as gate:
        gate.wait_for_log(AUTHENTICATED)

        async def scenario():
            async with client(server, "bob") as bob, client(server, "alice") as alice:
                await publish(bob, server, packages)
                assert len(await fetch(alice, server, bob_jid)) == 1

        run(scenario())
        values = scrape(port)
        assert values.get("mlsgate_keypackages_published_total") == 2, values
        assert values.get("mlsgate_keypackages_served_total") == 1, values
        assert values.get("mlsgate_keypackages_in_stock") == 1, values
        assert gate.terminate() == 0, gate.log()
