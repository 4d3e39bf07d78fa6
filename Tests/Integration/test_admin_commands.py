"""The XEP-0050 admin commands of `mlsgate run` through a real server.

alice is the configured administrator (MLSGATE_ADMIN_JIDS), bob is not. With
a room that alice and bob entered and bound to an mls-rs group, and carol's
KeyPackages in the directory, alice lists the commands, lists the rooms, shows
the room (with its members, owner and policy), shows carol's KeyPackage stock,
cancels a destruction, is refused a destruction without confirmation, then
destroys the room: bob is removed with an XEP-0045 <destroy/> presence and the
room is gone. bob sees no commands and is refused every one. Everything goes
through slixmpp with raw stanzas, as docs/admin-guide.md describes them.
"""

from __future__ import annotations

import asyncio
import base64
import os
import xml.etree.ElementTree as ET

import pytest
from slixmpp.exceptions import IqError
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from mls_peer import MLSPeer
from mlsgate_process import AUTHENTICATED, MLSGateProcess
from servers import XMPPServer
from test_bots import ask, gate_with_echo_bot, group_with_echo_bot
from test_delivery_service import bare, client, group_of_alice_and_bob, is_reflection, mls_children, publish, unb64
from xmpp_client import TestClient, run

KP_NS = "urn:xmpp:mls:keypackages:0"
KINDS = os.environ.get("MLSGATE_XMPP_SERVERS", "prosody ejabberd").split()
CMD_NS = "http://jabber.org/protocol/commands"
XDATA_NS = "jabber:x:data"
ITEMS_NS = "http://jabber.org/protocol/disco#items"
MLS_NS = "urn:xmpp:mls:0"
MUC_USER_NS = "http://jabber.org/protocol/muc#user"
NODE = "urn:xmpp:mls:admin:"
COMMANDS = ["list-rooms", "show-room", "list-bots", "keypackage-stock", "destroy-room", "remove-bot"]


@pytest.fixture(scope="module", params=KINDS)
def server(request):
    srv = XMPPServer(request.param)
    with srv:
        yield srv


@pytest.fixture
def gate(server):
    with MLSGateProcess(server, env={"MLSGATE_ADMIN_JIDS": bare(server, "alice")}) as process:
        process.wait_for_log(AUTHENTICATED)
        yield process


@pytest.fixture
def peer():
    with MLSPeer() as p:
        yield p


# -- XEP-0050 and XEP-0004 from raw XML ---------------------------------------


async def execute(who: TestClient, server: XMPPServer, command: str, session: str | None = None,
                  action: str | None = None, fields: dict[str, str] | None = None) -> ET.Element:
    """Sends <command node='urn:xmpp:mls:admin:COMMAND'/>, with a submitted form when fields are given."""
    element = ET.Element(f"{{{CMD_NS}}}command", {"node": NODE + command})
    if session:
        element.set("sessionid", session)
    if action:
        element.set("action", action)
    if fields is not None:
        form = ET.SubElement(element, f"{{{XDATA_NS}}}x", {"type": "submit"})
        for var, value in fields.items():
            field = ET.SubElement(form, f"{{{XDATA_NS}}}field", {"var": var})
            ET.SubElement(field, f"{{{XDATA_NS}}}value").text = value
    return await who.iq("set", server.component_domain, element)


async def run_with_form(who: TestClient, server: XMPPServer, command: str, fields: dict[str, str]) -> ET.Element:
    first = await execute(who, server, command)
    assert first.get("status") == "executing", ET.tostring(first)
    return await execute(who, server, command, session=first.get("sessionid"), fields=fields)


def form_of(command: ET.Element) -> ET.Element:
    form = command.find(f"{{{XDATA_NS}}}x")
    assert form is not None, ET.tostring(command)
    return form


def values(container: ET.Element) -> dict[str, list[str]]:
    """The fields directly under a form or an <item/>, by var."""
    return {
        field.get("var"): [value.text or "" for value in field.findall(f"{{{XDATA_NS}}}value")]
        for field in container.findall(f"{{{XDATA_NS}}}field")
    }


def rows(command: ET.Element) -> list[dict[str, list[str]]]:
    """The <item/> rows of a result table, after checking they follow their <reported/> header."""
    form = form_of(command)
    children = [child.tag for child in form]
    assert f"{{{XDATA_NS}}}reported" in children
    assert f"{{{XDATA_NS}}}field" not in children, "a table has no top-level fields (XEP-0004 §3.4)"
    return [values(item) for item in form.findall(f"{{{XDATA_NS}}}item")]


def notes(command: ET.Element) -> list[tuple[str, str]]:
    return [(note.get("type"), note.text or "") for note in command.findall(f"{{{CMD_NS}}}note")]


def refusal(error: IqError) -> tuple[str, str | None, str]:
    """The stanza condition, the XEP-0050 condition and the text of an error reply."""
    stanza_error = error.iq["error"]
    specific = [child.tag.split("}")[1] for child in stanza_error.xml if child.tag.startswith(f"{{{CMD_NS}}}")]
    return stanza_error["condition"], (specific[0] if specific else None), stanza_error["text"]


async def command_items(who: TestClient, server: XMPPServer) -> list[ET.Element]:
    query = await who.iq("get", server.component_domain, ET.Element(f"{{{ITEMS_NS}}}query", {"node": CMD_NS}))
    return query.findall(f"{{{ITEMS_NS}}}item")


def capture_presences(who: TestClient) -> asyncio.Queue:
    presences: asyncio.Queue = asyncio.Queue()
    who.register_handler(Callback("AdminTestPresences", MatchXPath("{jabber:client}presence"),
                                  lambda presence: presences.put_nowait(presence.xml)))
    return presences


async def destroy_presence(presences: asyncio.Queue, room: str) -> ET.Element:
    while True:
        presence = await asyncio.wait_for(presences.get(), 15)
        x = presence.find(f"{{{MUC_USER_NS}}}x")
        if presence.get("from", "").startswith(room + "/") and x is not None \
                and x.find(f"{{{MUC_USER_NS}}}destroy") is not None:
            return presence


# -- the tests ---------------------------------------------------------------


def test_the_admin_lists_shows_and_destroys_and_others_are_refused(server, gate, peer):
    room = f"admin-{server.kind}@{server.component_domain}"
    carol_jid = bare(server, "carol")
    peer.client(carol_jid)
    carol_packages = [peer.key_package(carol_jid) for _ in range(3)]

    async def scenario():
        async with client(server, "alice") as alice, client(server, "bob") as bob, \
                client(server, "carol") as carol:
            bob_presences = capture_presences(bob)
            group = await group_of_alice_and_bob(server, peer, alice, bob, room)
            await publish(carol, server, carol_packages[:2])
            last_resort = ET.Element(f"{{{KP_NS}}}publish")
            package = ET.SubElement(last_resort, f"{{{KP_NS}}}key-package", {"last-resort": "true"})
            package.text = base64.b64encode(carol_packages[2]).decode()
            await carol.iq("set", server.component_domain, last_resort)

            # Discovery: the feature for everyone, the commands for the admin only.
            info = await bob.disco_info(server.component_domain)
            assert CMD_NS in info["features"]
            listed = await command_items(alice, server)
            assert [item.get("node") for item in listed] == [NODE + name for name in COMMANDS]
            assert all(item.get("jid") == server.component_domain for item in listed)
            assert await command_items(bob, server) == []

            # bob is refused everything, known node or not.
            for name in COMMANDS + ["reboot"]:
                with pytest.raises(IqError) as refused:
                    await execute(bob, server, name)
                assert refusal(refused.value)[0] == "forbidden"

            # list-rooms
            listing = await execute(alice, server, "list-rooms")
            assert listing.get("status") == "completed"
            [row] = [r for r in rows(listing) if r["room"] == [room]]
            assert row["epoch"] == ["1"] and row["occupants"] == ["2"] and row["commits"] == ["1"]

            # show-room, in two stages
            shown = await run_with_form(alice, server, "show-room", {"room": room})
            assert shown.get("status") == "completed"
            details = values(form_of(shown))
            assert details["group-id"] == [group.lower()]
            assert details["epoch"] == ["1"]
            assert details["occupant-count"] == ["2"]
            assert sorted(line.split()[0] for line in details["occupants"]) == ["alice", "bob"]
            # The room follows its group (PublicMessage handshakes by default); alice entered first and owns it.
            assert details["member-count"] == ["2"]
            members = sorted(line.split()[1] for line in details["members"])
            assert members == [bare(server, "alice"), bare(server, "bob")]
            assert details["owners"] == [bare(server, "alice")]
            assert details["handshakes"] == ["public"]

            # keypackage-stock
            stock = await run_with_form(alice, server, "keypackage-stock", {"jid": carol_jid})
            [suite] = rows(stock)
            assert suite["cipher-suite"] == ["1"]
            assert (suite["available"], suite["last-resort"], suite["expired"]) == (["2"], ["1"], ["0"])

            # list-bots: none configured
            bots = await execute(alice, server, "list-bots")
            assert rows(bots) == [] and notes(bots) == [("info", "no bots are configured")]

            # A bad room, then no confirmation: bad-request, and the room stays.
            first = await execute(alice, server, "destroy-room")
            session = first.get("sessionid")
            with pytest.raises(IqError) as refused:
                await execute(alice, server, "destroy-room", session=session,
                              fields={"room": f"nowhere@{server.component_domain}", "confirm": "true"})
            assert refusal(refused.value)[:2] == ("bad-request", "bad-payload")
            assert "no room" in refusal(refused.value)[2]
            with pytest.raises(IqError) as refused:
                await execute(alice, server, "destroy-room", session=session, fields={"room": room})
            assert refusal(refused.value)[:2] == ("bad-request", "bad-payload")
            assert "confirm" in refusal(refused.value)[2]
            # Cancel: the session ends and nothing happens.
            canceled = await execute(alice, server, "destroy-room", session=session, action="cancel")
            assert canceled.get("status") == "canceled"
            with pytest.raises(IqError) as refused:
                await execute(alice, server, "destroy-room", session=session, fields={"room": room, "confirm": "1"})
            assert refusal(refused.value)[:2] == ("not-allowed", "session-expired")
            epoch = await bob.iq("get", room, ET.Element(f"{{{MLS_NS}}}epoch"))
            assert epoch.get("epoch") == "1"

            # bob cannot use alice's session, nor start one.
            second = await execute(alice, server, "destroy-room")
            with pytest.raises(IqError) as refused:
                await execute(bob, server, "destroy-room", session=second.get("sessionid"),
                              fields={"room": room, "confirm": "true"})
            assert refusal(refused.value)[0] == "forbidden"

            # destroy-room
            done = await execute(alice, server, "destroy-room", session=second.get("sessionid"),
                                 fields={"room": room, "reason": "tidying up", "confirm": "true"})
            assert done.get("status") == "completed"
            assert notes(done) == [("info", f"destroyed {room}: 1 accepted message deleted, 2 occupants removed")]
            kicked = await destroy_presence(bob_presences, room)
            assert kicked.get("type") == "unavailable"
            reason = kicked.find(f"{{{MUC_USER_NS}}}x/{{{MUC_USER_NS}}}destroy/{{{MUC_USER_NS}}}reason")
            assert reason is not None and reason.text == "tidying up"

            after = await execute(alice, server, "list-rooms")
            assert [r for r in rows(after) if r["room"] == [room]] == []
            with pytest.raises(IqError) as gone:
                await bob.iq("get", room, ET.Element(f"{{{MLS_NS}}}epoch"))
            assert gone.value.iq["error"]["condition"] == "item-not-found"

    run(scenario(), timeout=120)
    assert "an administrator destroyed a room" in gate.log()


def test_remove_bot_has_the_echo_bot_leave_its_room(server, peer):
    """The echo bot, in alice's encrypted room, proposes its own removal and leaves when an admin says so."""
    room = f"leave@{server.component_domain}"
    alice_jid, bot_jid = bare(server, "alice"), f"echo@{server.component_domain}"
    peer.client(alice_jid)
    gate = gate_with_echo_bot(server)
    gate.extra_env["MLSGATE_ADMIN_JIDS"] = alice_jid
    gate.start()
    try:
        gate.wait_for_log("bot published KeyPackages")

        async def scenario():
            async with client(server, "alice") as alice:
                await group_with_echo_bot(alice, server, peer, room)
                assert await ask(alice, peer, alice_jid, room, "still there?") == "echo: still there?"

                answer = await run_with_form(alice, server, "remove-bot", {"bot": bot_jid, "room": room})
                assert answer.get("status") == "completed", ET.tostring(answer)
                [(kind, text)] = notes(answer)
                # mls-rs does not list SelfRemove (0x000a), so the bot proposes the Remove of its own leaf.
                assert kind == "warn" and "proposed the Remove of its leaf" in text, text
                proposal = await alice.next_stanza(
                    lambda s: is_reflection(s) and s.get("from") == f"{room}/echo", timeout=30)
                processed = peer("process", client=alice_jid, message=unb64(proposal.find(f"{{{MLS_NS}}}mls").text).hex())
                assert processed["kind"] == "proposal", processed
                # Alice's next commit takes the bot out of the group; the bot is no longer in the room.
                commit = peer("commit", client=alice_jid, merge=False)
                alice.send_message_with(room, mls_children(bytes.fromhex(commit["commit"])), mtype="groupchat")
                await alice.next_stanza(lambda s: is_reflection(s) and s.get("from") == f"{room}/alice", timeout=30)
                peer("process", client=alice_jid, message=commit["commit"])
                members = await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}members"))
                assert {m.get("jid") for m in members} == {alice_jid}, ET.tostring(members)
                listed = rows(await execute(alice, server, "list-bots"))
                assert listed == [{"bot": [bot_jid], "kind": ["echo"], "rooms": []}], listed
                with pytest.raises(IqError) as refused:
                    await run_with_form(alice, server, "remove-bot", {"bot": bot_jid, "room": room})
                assert "is not a member" in refusal(refused.value)[2]

        run(scenario(), timeout=120)
    finally:
        gate.stop()
