"""The mirror bridge end to end: `mlsgate run` with a `[[bridges]]` entry, a
real Prosody with its MUC service on muc.localhost, slixmpp for XMPP and
mls-rs (Tests/MLSRsPeer) for MLS, knowing only the protocol and bridge documents.

alice (MLS) creates the encrypted room's group and adds the bridge's member
with a KeyPackage fetched from the directory; the bridge says so in the
encrypted room and enters the plaintext room, where bob (plain XMPP, no MLS)
finds its notice and subject. alice's encrypted message reaches bob as
"[alice@localhost] ...", bob's plaintext message reaches alice encrypted as
"[bob] ...". The bridge is back in the plaintext room after mlsgate restarts
and after Prosody restarts under it, and mlsgate's log holds no plaintext.

Prosody only: ejabberd's test configuration lets only local users create MUC
rooms (`access_create: local`), which a component's JID is not.
"""

from __future__ import annotations

import asyncio
import os

import pytest
from slixmpp import JID

from mls_peer import MLSPeer
from mlsgate_process import AUTHENTICATED, MLSGateProcess
from servers import XMPPServer
from test_bots import body_of, envelope
from test_delivery_service import bare, client, fetch, is_reflection, mls_children, tree_of, unb64
from xmpp_client import run

KINDS = [kind for kind in os.environ.get("MLSGATE_XMPP_SERVERS", "prosody ejabberd").split() if kind == "prosody"]
MLS_NS = "urn:xmpp:mls:0"
STATE_KEY = "6b" * 32
ENTERED = "mirror is in a plaintext room"
NOTICE = "This room mirrors the end-to-end encrypted room"


@pytest.fixture(scope="module", params=KINDS)
def server(request):
    srv = XMPPServer(request.param)
    with srv:
        yield srv


@pytest.fixture
def peer():
    with MLSPeer() as p:
        yield p


def gate_with_mirror(server: XMPPServer, encrypted: str, plain: str, config=None) -> MLSGateProcess:
    process = MLSGateProcess(server, config=config, env={"MLSGATE_BOTS_STATE_KEY": STATE_KEY})
    if config is None:
        with open(process.config, "a") as toml:
            toml.write(
                "[[bridges]]\n"
                f'jid = "mirror@{server.component_domain}"\n'
                'kind = "mirror"\n'
                'nick = "mirror"\n'
                f'rooms = {{ "{encrypted}" = "{plain}" }}\n'
            )
    return process


def body(stanza) -> str | None:
    found = stanza.find("{jabber:client}body")
    return found.text if found is not None else None


def subject(stanza) -> str | None:
    found = stanza.find("{jabber:client}subject")
    return found.text if found is not None else None


async def from_bridge(alice, peer, alice_jid: str, encrypted: str) -> str:
    """The next application message the bridge's member sends in the encrypted room, decrypted by mls-rs."""
    while True:
        reflected = await alice.next_stanza(is_reflection, timeout=30)
        if reflected.get("from") != f"{encrypted}/mirror":
            continue
        payload = unb64(reflected.find(f"{{{MLS_NS}}}mls").text)
        result = peer("process", client=alice_jid, message=payload.hex())
        if result["kind"] == "application":
            return body_of(bytes.fromhex(result["data"]))


async def say(alice, peer, alice_jid: str, encrypted: str, text: str) -> None:
    message = peer("encrypt", client=alice_jid, data=envelope(text, alice_jid).hex())["message"]
    alice.send_message_with(encrypted, mls_children(bytes.fromhex(message)), mtype="groupchat")


async def in_plaintext(bob, plain: str, predicate, timeout: float = 30):
    """The next groupchat from the bridge's occupant in the plaintext room that matches."""
    return await bob.next_stanza(
        lambda s: s.get("from") == f"{plain}/mirror" and s.get("type") == "groupchat" and predicate(s),
        timeout=timeout)


async def join_with_history(bob, plain: str) -> None:
    await bob.plugin["xep_0045"].join_muc_wait(JID(plain), "bob", maxstanzas=20, timeout=bob.op_timeout)


def test_the_mirror_carries_messages_both_ways_and_says_so(server, peer):
    encrypted = f"secret@{server.component_domain}"
    plain = f"plain@{server.muc_domain}"
    alice_jid = bare(server, "alice")
    bridge_jid = f"mirror@{server.component_domain}"
    peer.client(alice_jid)
    first = gate_with_mirror(server, encrypted, plain)
    first.start()
    try:
        first.wait_for_log(AUTHENTICATED)

        async def scenario():
            async with client(server, "alice") as alice:
                await alice.join_room(encrypted, "alice")
                [package] = await fetch(alice, server, bridge_jid)
                peer("create_group", client=alice_jid)
                tree = tree_of(peer, alice_jid)
                add = peer("add", client=alice_jid, key_packages=[package.hex()], merge=False)
                alice.send_message_with(
                    encrypted, mls_children(bytes.fromhex(add["commit"]), bytes.fromhex(add["welcome"]), tree),
                    mtype="groupchat")
                await alice.next_stanza(is_reflection, timeout=30)
                peer("process", client=alice_jid, message=add["commit"])
                notice = await from_bridge(alice, peer, alice_jid, encrypted)
                assert "plaintext" in notice and plain in notice

                await asyncio.to_thread(first.wait_for_log, ENTERED)
                async with client(server, "bob") as bob:
                    await join_with_history(bob, plain)
                    # The plaintext room's history holds the notice, and its subject names the encrypted room.
                    told = await in_plaintext(bob, plain, lambda s: NOTICE in (body(s) or ""))
                    assert encrypted in body(told) and "plaintext" in body(told)
                    topic = await bob.next_stanza(lambda s: subject(s) is not None, timeout=30)
                    assert encrypted in subject(topic)

                    await say(alice, peer, alice_jid, encrypted, "hello from mls")
                    mirrored = await in_plaintext(bob, plain, lambda s: body(s) == f"[{alice_jid}] hello from mls")
                    assert mirrored.find("{urn:xmpp:delay}delay") is None

                    bob.send_message(mto=JID(plain), mbody="hello from plaintext", mtype="groupchat")
                    assert await from_bridge(alice, peer, alice_jid, encrypted) == "[bob] hello from plaintext"

        run(scenario(), timeout=180)
    finally:
        first.stop()
    log = first.log()
    assert "hello from mls" not in log and "hello from plaintext" not in log

    # After a restart on the same database, the bridge is back in the plaintext room and mirrors again.
    with gate_with_mirror(server, encrypted, plain, config=first.config) as second:
        second.wait_for_log(AUTHENTICATED, timeout=60)

        async def after_restart():
            async with client(server, "alice") as alice, client(server, "bob") as bob:
                await alice.join_room(encrypted, "alice")
                await asyncio.to_thread(second.wait_for_log, ENTERED, 1, 60)
                await bob.join_room(plain, "bob")
                await say(alice, peer, alice_jid, encrypted, "after restart")
                await in_plaintext(bob, plain, lambda s: body(s) == f"[{alice_jid}] after restart")
                bob.send_message(mto=JID(plain), mbody="still here", mtype="groupchat")
                assert await from_bridge(alice, peer, alice_jid, encrypted) == "[bob] still here"

        run(after_restart(), timeout=180)
    assert "after restart" not in second.log() and "still here" not in second.log()


def test_the_mirror_rejoins_the_plaintext_room_after_the_server_restarts(server, peer):
    encrypted = f"restart@{server.component_domain}"
    plain = f"restart-plain@{server.muc_domain}"
    alice_jid = bare(server, "alice")
    bridge_jid = f"mirror@{server.component_domain}"
    peer.client(alice_jid)
    with gate_with_mirror(server, encrypted, plain) as gate:
        gate.wait_for_log(AUTHENTICATED)

        async def add_the_bridge():
            async with client(server, "alice") as alice:
                await alice.join_room(encrypted, "alice")
                [package] = await fetch(alice, server, bridge_jid)
                peer("create_group", client=alice_jid)
                tree = tree_of(peer, alice_jid)
                add = peer("add", client=alice_jid, key_packages=[package.hex()], merge=False)
                alice.send_message_with(
                    encrypted, mls_children(bytes.fromhex(add["commit"]), bytes.fromhex(add["welcome"]), tree),
                    mtype="groupchat")
                await alice.next_stanza(is_reflection, timeout=30)
                peer("process", client=alice_jid, message=add["commit"])
                await from_bridge(alice, peer, alice_jid, encrypted)

        run(add_the_bridge(), timeout=120)
        gate.wait_for_log(ENTERED)
        # Prosody's MUC rooms here are not persistent: the restart destroys the plaintext room with everyone in it.
        server.restart()
        gate.wait_for_log(AUTHENTICATED, count=2, timeout=90)
        gate.wait_for_log(ENTERED, count=2, timeout=60)

        async def after_server_restart():
            async with client(server, "alice") as alice, client(server, "bob") as bob:
                await alice.join_room(encrypted, "alice")
                await join_with_history(bob, plain)
                await in_plaintext(bob, plain, lambda s: NOTICE in (body(s) or ""))
                await say(alice, peer, alice_jid, encrypted, "after the server restart")
                await in_plaintext(bob, plain, lambda s: body(s) == f"[{alice_jid}] after the server restart")

        run(after_server_restart(), timeout=120)
    assert "after the server restart" not in gate.log()
