"""The echo bot end to end: `mlsgate run` with a `[[bots]]` entry, a real server,
slixmpp for XMPP and mls-rs (Tests/MLSRsPeer) for MLS, knowing only the protocol
document.

alice fetches the bot's KeyPackage from the directory, creates a group, enters
the room and commits an Add of the bot with its Welcome; the bot joins the
group and the room. An encrypted XEP-0420 envelope "hello" gets an encrypted
"echo: hello" that mls-rs decrypts. After mlsgate restarts on the same
database, the bot still answers in the same group.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest

from mls_peer import MLSPeer
from mlsgate_process import AUTHENTICATED, MLSGateProcess
from servers import XMPPServer
from test_delivery_service import bare, client, fetch, is_reflection, mls_children, tree_of, unb64
from xmpp_client import run

KINDS = os.environ.get("MLSGATE_XMPP_SERVERS", "prosody ejabberd").split()
MLS_NS = "urn:xmpp:mls:0"
SCE_NS = "urn:xmpp:sce:1"
STATE_KEY = "5a" * 32


@pytest.fixture(scope="module", params=KINDS)
def server(request):
    srv = XMPPServer(request.param)
    with srv:
        yield srv


@pytest.fixture
def peer():
    with MLSPeer() as p:
        yield p


def gate_with_echo_bot(server: XMPPServer, config=None) -> MLSGateProcess:
    process = MLSGateProcess(server, config=config, env={"MLSGATE_BOTS_STATE_KEY": STATE_KEY})
    if config is None:
        with open(process.config, "a") as toml:
            toml.write(f'[[bots]]\njid = "echo@{server.component_domain}"\nkind = "echo"\n')
    return process


async def group_with_echo_bot(alice, server: XMPPServer, peer, room: str) -> None:
    """alice enters `room`, creates her group with mls-rs and adds the echo bot with a Welcome."""
    alice_jid = bare(server, "alice")
    await alice.join_room(room, "alice")
    [package] = await fetch(alice, server, f"echo@{server.component_domain}")
    peer("create_group", client=alice_jid)
    tree = tree_of(peer, alice_jid)
    add = peer("add", client=alice_jid, key_packages=[package.hex()], merge=False)
    alice.send_message_with(
        room, mls_children(bytes.fromhex(add["commit"]), bytes.fromhex(add["welcome"]), tree), mtype="groupchat")
    await alice.next_stanza(is_reflection, timeout=30)
    peer("process", client=alice_jid, message=add["commit"])


def envelope(text: str, sender: str) -> bytes:
    return (
        f"<envelope xmlns='{SCE_NS}'><content><body xmlns='jabber:client'>{text}</body></content>"
        f"<rpad>pad</rpad><from jid='{sender}'/><time stamp='2026-11-27T07:00:00Z'/></envelope>"
    ).encode()


def body_of(data: bytes) -> str | None:
    found = ET.fromstring(data).find(f"{{{SCE_NS}}}content/{{jabber:client}}body")
    return found.text if found is not None else None


async def ask(alice, peer, alice_jid: str, room: str, text: str) -> str | None:
    """alice sends `text` encrypted; returns the body of the bot's answer, decrypted by mls-rs."""
    message = peer("encrypt", client=alice_jid, data=envelope(text, alice_jid).hex())["message"]
    alice.send_message_with(room, mls_children(bytes.fromhex(message)), mtype="groupchat")
    while True:
        reflected = await alice.next_stanza(is_reflection, timeout=30)
        if reflected.get("from") != f"{room}/echo":
            continue
        payload = unb64(reflected.find(f"{{{MLS_NS}}}mls").text)
        result = peer("process", client=alice_jid, message=payload.hex())
        if result["kind"] == "application":
            return body_of(bytes.fromhex(result["data"]))


def test_the_echo_bot_answers_and_survives_a_restart(server, peer):
    room = f"echo-room@{server.component_domain}"
    alice_jid = bare(server, "alice")
    peer.client(alice_jid)
    first = gate_with_echo_bot(server)
    first.start()
    try:
        first.wait_for_log(AUTHENTICATED)

        async def before():
            async with client(server, "alice") as alice:
                await group_with_echo_bot(alice, server, peer, room)
                assert await ask(alice, peer, alice_jid, room, "hello") == "echo: hello"

        run(before(), timeout=120)
    finally:
        first.stop()
    assert "hello" not in first.log()

    with gate_with_echo_bot(server, config=first.config) as second:
        second.wait_for_log(AUTHENTICATED, timeout=60)

        async def after():
            async with client(server, "alice") as alice:
                await alice.join_room(room, "alice")
                assert await ask(alice, peer, alice_jid, room, "again") == "echo: again"

        run(after(), timeout=120)


def test_a_state_key_that_does_not_open_the_bots_state_stops_mlsgate_with_status_78(server):
    first = gate_with_echo_bot(server)
    first.start()
    try:
        first.wait_for_log("bot published KeyPackages")
    finally:
        first.stop()
    assert first.proc.returncode == 0, first.log()

    other = MLSGateProcess(server, config=first.config, env={"MLSGATE_BOTS_STATE_KEY": "a5" * 32})
    with other:
        assert other.wait(timeout=60) == 78, other.log()
    assert "stopping: [bots_state] key: the bots' saved state (identity) does not open" in other.log()
