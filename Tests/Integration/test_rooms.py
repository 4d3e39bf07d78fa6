"""Encrypted rooms end to end: real servers, `mlsgate run` with the echo bot, slixmpp clients and mls-rs.

Alice creates the group and adds Bob, Carol and the echo bot with one commit (each Welcome delivered by
mlsgate); the room announces the new members; Alice makes the room's policy owners-and-admins through
the XEP-0045 owner form and disco#info shows it; Bob's commit removing Carol is then refused before it is
reflected; Alice removes Bob, who cannot read what follows, while the bot still answers, also after
mlsgate restarts.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import pytest
from slixmpp.exceptions import IqError

from mls_peer import PeerError
from mlsgate_process import AUTHENTICATED
from test_bots import KINDS, MLS_NS, ask, body_of, envelope, gate_with_echo_bot, peer  # noqa: F401 (fixture)
from test_delivery_service import (
    bare, client, fetch, is_error, is_reflection, is_welcome, mls_children, publish, tree_of, unb64,
)
from servers import XMPPServer
from xmpp_client import run

DATA_NS = "jabber:x:data"
OWNER_NS = "http://jabber.org/protocol/muc#owner"
DISCO_NS = "http://jabber.org/protocol/disco#info"


@pytest.fixture(scope="module", params=KINDS)
def server(request):
    srv = XMPPServer(request.param)
    with srv:
        yield srv


def config_submit(fields: dict[str, str]) -> ET.Element:
    query = ET.Element(f"{{{OWNER_NS}}}query")
    form = ET.SubElement(query, f"{{{DATA_NS}}}x", {"type": "submit"})
    hidden = ET.SubElement(form, f"{{{DATA_NS}}}field", {"var": "FORM_TYPE", "type": "hidden"})
    ET.SubElement(hidden, f"{{{DATA_NS}}}value").text = "http://jabber.org/protocol/muc#roomconfig"
    for var, value in fields.items():
        field = ET.SubElement(form, f"{{{DATA_NS}}}field", {"var": var})
        ET.SubElement(field, f"{{{DATA_NS}}}value").text = value
    return query


def error_condition(stanza, namespace: str) -> str | None:
    error = stanza.find("{jabber:client}error")
    if error is None:
        return None
    found = [child.tag.split("}")[1] for child in error if child.tag.startswith(f"{{{namespace}}}")]
    return found[0] if found else None


async def next_echo(alice, peer, alice_jid: str, room: str) -> str | None:
    while True:
        reflected = await alice.next_stanza(lambda s: is_reflection(s) and s.get("from") == f"{room}/echo", timeout=30)
        result = peer("process", client=alice_jid, message=unb64(reflected.find(f"{{{MLS_NS}}}mls").text).hex())
        if result["kind"] == "application":
            return body_of(bytes.fromhex(result["data"]))


def test_policy_membership_and_removal_in_an_encrypted_room(server, peer):
    room = f"policy@{server.component_domain}"
    alice_jid, bob_jid, carol_jid = bare(server, "alice"), bare(server, "bob"), bare(server, "carol")
    bot_jid = f"echo@{server.component_domain}"
    for jid in (alice_jid, bob_jid, carol_jid):
        peer.client(jid)
    gate = gate_with_echo_bot(server)
    gate.start()
    try:
        gate.wait_for_log(AUTHENTICATED)

        async def scenario():
            async with client(server, "alice") as alice, client(server, "bob") as bob, \
                    client(server, "carol") as carol:
                for who, nick in ((alice, "alice"), (bob, "bob"), (carol, "carol")):
                    await who.join_room(room, nick)
                await publish(bob, server, [peer.key_package(bob_jid)])
                await publish(carol, server, [peer.key_package(carol_jid)])
                packages = [p for jid in (bob_jid, carol_jid, bot_jid) for p in await fetch(alice, server, jid)]
                peer("create_group", client=alice_jid)
                tree = tree_of(peer, alice_jid)
                add = peer("add", client=alice_jid, key_packages=[p.hex() for p in packages], merge=False)
                alice.send_message_with(
                    room, mls_children(bytes.fromhex(add["commit"]), bytes.fromhex(add["welcome"]), tree),
                    mtype="groupchat")
                await alice.next_stanza(is_reflection, timeout=30)
                peer("process", client=alice_jid, message=add["commit"])
                # The room announces the members the commit added.
                notice = await alice.next_stanza(lambda s: s.find(f"{{{MLS_NS}}}membership") is not None, timeout=30)
                added = {e.get("jid") for e in notice.find(f"{{{MLS_NS}}}membership") if e.tag.endswith("added")}
                assert added == {bob_jid, carol_jid, bot_jid}, ET.tostring(notice)
                for who, jid in ((bob, bob_jid), (carol, carol_jid)):
                    welcome = await who.next_stanza(is_welcome, timeout=30)
                    peer("join", client=jid, welcome=unb64(welcome.find(f"{{{MLS_NS}}}welcome").text).hex())
                assert await ask(alice, peer, alice_jid, room, "hello") == "echo: hello"
                # Carol, added by the same commit, reads the bot's answer too.
                answer = await carol.next_stanza(lambda s: is_reflection(s) and s.get("from") == f"{room}/echo", timeout=30)
                read = peer("process", client=carol_jid, message=unb64(answer.find(f"{{{MLS_NS}}}mls").text).hex())
                assert body_of(bytes.fromhex(read["data"])) == "echo: hello"

                # Only owners and admins may now add and remove members.
                await alice.iq("set", room, config_submit({"urn:xmpp:mls:0#membership-changes": "owners-and-admins"}))
                try:
                    await bob.iq("set", room, config_submit({"muc#roomconfig_membersonly": "1"}))
                    raise AssertionError("a member who is not an owner configured the room")
                except IqError as refused:
                    assert refused.iq["error"]["condition"] == "forbidden"
                info = await alice.iq("get", room, ET.Element(f"{{{DISCO_NS}}}query"))
                form = info.find(f"{{{DATA_NS}}}x")
                values = {f.get("var"): f.findtext(f"{{{DATA_NS}}}value") for f in form}
                assert values["FORM_TYPE"] == "urn:xmpp:mls:0#policy"
                assert values["membership-changes"] == "owners-and-admins"
                assert values["handshakes"] == "public"

                epoch = (await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}epoch"))).get("epoch")
                members = await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}members"))
                assert {m.get("jid") for m in members} == {alice_jid, bob_jid, carol_jid, bot_jid}
                bad = peer("remove", client=bob_jid, name=carol_jid, merge=False)
                mid = bob.send_message_with(room, mls_children(bytes.fromhex(bad["commit"])), mtype="groupchat")
                refused = await bob.next_stanza(lambda s: s.get("id") == mid, timeout=30)
                assert is_error(refused) and error_condition(refused, MLS_NS) == "policy-violation", ET.tostring(refused)
                assert (await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}epoch"))).get("epoch") == epoch

                # The owner removes Bob; he cannot read what follows.
                removal = peer("remove", client=alice_jid, name=bob_jid, merge=False)
                alice.send_message_with(room, mls_children(bytes.fromhex(removal["commit"])), mtype="groupchat")
                await alice.next_stanza(lambda s: is_reflection(s) and s.get("from") == f"{room}/alice", timeout=30)
                peer("process", client=alice_jid, message=removal["commit"])
                reflected = await bob.next_stanza(lambda s: is_reflection(s) and s.get("from") == f"{room}/alice", timeout=30)
                peer("process", client=bob_jid, message=unb64(reflected.find(f"{{{MLS_NS}}}mls").text).hex())
                carol_copy = await carol.next_stanza(lambda s: is_reflection(s) and s.get("from") == f"{room}/alice"
                                                     and unb64(s.find(f"{{{MLS_NS}}}mls").text).hex() == removal["commit"],
                                                     timeout=30)
                peer("process", client=carol_jid, message=unb64(carol_copy.find(f"{{{MLS_NS}}}mls").text).hex())
                secret = peer("encrypt", client=alice_jid, data=envelope("after bob", alice_jid).hex())["message"]
                alice.send_message_with(room, mls_children(bytes.fromhex(secret)), mtype="groupchat")
                for_bob = await bob.next_stanza(
                    lambda s: is_reflection(s) and unb64(s.find(f"{{{MLS_NS}}}mls").text).hex() == secret, timeout=30)
                with pytest.raises(PeerError):
                    peer("process", client=bob_jid, message=unb64(for_bob.find(f"{{{MLS_NS}}}mls").text).hex())
                for_carol = await carol.next_stanza(
                    lambda s: is_reflection(s) and unb64(s.find(f"{{{MLS_NS}}}mls").text).hex() == secret, timeout=30)
                read = peer("process", client=carol_jid, message=unb64(for_carol.find(f"{{{MLS_NS}}}mls").text).hex())
                assert b"after bob" in bytes.fromhex(read["data"])
                # The bot, still a member, read "after bob" too: its echo comes first.
                answers = [await ask(alice, peer, alice_jid, room, "still there?")]
                while answers[-1] != "echo: still there?" and len(answers) < 3:
                    answers.append(await next_echo(alice, peer, alice_jid, room))
                assert answers[-1] == "echo: still there?" and "echo: after bob" in answers, answers

        run(scenario(), timeout=240)
    finally:
        gate.stop()
    assert "hello" not in gate.log()

    # MLSGate restarts on its database: the room still follows its group and the bot still answers.
    with gate_with_echo_bot(server, config=gate.config) as second:
        second.wait_for_log(AUTHENTICATED, timeout=60)

        async def after():
            async with client(server, "alice") as alice:
                await alice.join_room(room, "alice")
                members = await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}members"))
                assert {m.get("jid") for m in members} == {alice_jid, carol_jid, bot_jid}
                assert await ask(alice, peer, alice_jid, room, "again") == "echo: again"

        run(after(), timeout=120)
