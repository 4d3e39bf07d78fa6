"""The room limits through a real server: occupants per room, rooms per user and the presence rate.

Each refusal reaches the user as a presence error naming the limit, and leaves the room as it was.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import pytest
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from mlsgate_process import AUTHENTICATED, MLSGateProcess
from test_mlsgate import server  # noqa: F401 (fixture)
from test_stanza_limits import STANZA_ERRORS_NS, clients
from xmpp_client import TestClient, run

MUC_NS = "http://jabber.org/protocol/muc"


@pytest.fixture
def gate(server):
    process = MLSGateProcess(server)
    with open(process.config, "a") as config:
        config.write("[rooms]\nmax_occupants = 2\nmax_rooms_per_user = 2\npresence_burst = 4\npresences_per_minute = 1\n")
    with process:
        process.wait_for_log(AUTHENTICATED)
        yield process


async def enter(client: TestClient, occupant: str, leave: bool = False) -> ET.Element:
    """Sends a MUC join (or leave) and returns the room's answer to it: the self-presence or the error, as raw
    XML."""
    answer = asyncio.get_running_loop().create_future()

    def on_presence(stanza):
        if stanza["from"] == occupant and not answer.done():
            answer.set_result(stanza.xml)

    name = f"enter-{occupant}"
    client.register_handler(Callback(name, MatchXPath("{jabber:client}presence"), on_presence))
    presence = client.make_presence(pto=occupant, ptype="unavailable" if leave else None)
    if not leave:
        ET.SubElement(presence.xml, f"{{{MUC_NS}}}x")
    presence.send()
    try:
        return await asyncio.wait_for(answer, client.op_timeout)
    finally:
        client.remove_handler(name)


def refusal(answer: ET.Element) -> tuple[str, str, str]:
    assert answer.get("type") == "error", ET.tostring(answer)
    error = answer.find("{jabber:client}error")
    conditions = [c.tag.split("}")[1] for c in error if c.tag.startswith(f"{{{STANZA_ERRORS_NS}}}")
                  and not c.tag.endswith("}text")]
    return error.get("type"), conditions[0], error.findtext(f"{{{STANZA_ERRORS_NS}}}text") or ""


def test_occupants_rooms_and_presences_are_limited(server, gate):
    domain = server.component_domain

    async def scenario():
        alice, bob = clients(server)
        carol = TestClient(f"{server.users[2]}@{server.domain}", server.password, port=server.c2s_port)
        async with alice, bob, carol:
            # Alice creates two rooms; a third would pass her limit and is not created.
            for name in ("one", "two"):
                assert (await enter(alice, f"{name}@{domain}/alice")).get("type") is None
            _, condition, text = refusal(await enter(alice, f"three@{domain}/alice"))
            assert condition == "resource-constraint" and "rooms" in text
            items = await alice.plugin["xep_0030"].get_items(jid=domain, timeout=alice.op_timeout)
            assert {item[0] for item in items["disco_items"]["items"]} == {f"one@{domain}", f"two@{domain}"}

            # A room of two is full for a third occupant.
            assert (await enter(bob, f"one@{domain}/bob")).get("type") is None
            kind, condition, text = refusal(await enter(carol, f"one@{domain}/carol"))
            assert (kind, condition) == ("wait", "service-unavailable") and "at most 2 occupants" in text

            # Alice's status updates in a room she is in are never refused.
            for _ in range(5):
                assert (await enter(alice, f"two@{domain}/alice")).get("type") is None
            # She has entered three rooms of her burst of four (the refused one counts); the fifth join is past it.
            await enter(alice, f"one@{domain}/alice", leave=True)
            assert (await enter(alice, f"one@{domain}/alice")).get("type") is None
            await enter(alice, f"two@{domain}/alice", leave=True)
            kind, condition, _ = refusal(await enter(alice, f"two@{domain}/alice"))
            assert (kind, condition) == ("wait", "resource-constraint")
            # Bob is not affected.
            assert (await enter(bob, f"two@{domain}/bob")).get("type") is None

    run(scenario())
    assert gate.count(AUTHENTICATED) == 1
