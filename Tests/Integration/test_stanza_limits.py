"""Stanzas past MLSGate's XML limits, sent by a user through a real server.

Such a stanza is refused alone: its sender gets a `policy-violation` error
naming the limit, and the component stream, which carries every user's
stanzas, stays up. Checked against Prosody and ejabberd with slixmpp clients,
with a lowered `[limits] max_stanza_bytes` so that the server routes stanzas
above MLSGate's size limit.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import pytest
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatcherId

from mlsgate_process import AUTHENTICATED, MLSGateProcess
from test_mlsgate import server  # noqa: F401 (fixture)
from xmpp_client import TestClient, run

STANZA_ERRORS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas"
PROBE_NS = "urn:example:limits"
MAX_STANZA_BYTES = 65536


@pytest.fixture
def gate(server):
    process = MLSGateProcess(server)
    with open(process.config, "a") as config:
        config.write(f"[limits]\nmax_stanza_bytes = {MAX_STANZA_BYTES}\n[rooms]\nmax_payload_bytes = 32768\n")
    with process:
        process.wait_for_log(AUTHENTICATED)
        yield process


def nested(depth: int) -> ET.Element:
    root = ET.Element(f"{{{PROBE_NS}}}probe")
    inner = root
    for _ in range(depth - 1):
        inner = ET.SubElement(inner, f"{{{PROBE_NS}}}a")
    return root


def wide(attributes: int) -> ET.Element:
    return ET.Element(f"{{{PROBE_NS}}}probe", {f"a{i}": "v" for i in range(attributes)})


def large(size: int) -> ET.Element:
    element = ET.Element(f"{{{PROBE_NS}}}probe")
    element.text = "x" * size
    return element


# An IQ payload sits at depth 3 (stream, iq, payload): 70 levels of payload reach depth 72.
OVER_LIMITS = [
    ("depth", lambda: nested(70), "deeper than the gateway's limit of 64 levels"),
    ("attributes", lambda: wide(70), "more than the gateway's limit of 64 attributes"),
    ("size", lambda: large(MAX_STANZA_BYTES + 1024), f"larger than the gateway's limit of {MAX_STANZA_BYTES} bytes"),
]


async def send_iq(client: TestClient, to: str, payload: ET.Element) -> ET.Element:
    """Sends an IQ set and returns its reply as raw XML (slixmpp's IqError cannot read `policy-violation`)."""
    iq = client.make_iq(ito=to, itype="set")
    iq.append(payload)
    reply = asyncio.get_running_loop().create_future()
    client.register_handler(Callback(f"reply-{iq['id']}", MatcherId(iq["id"]),
                                     lambda stanza: reply.done() or reply.set_result(stanza.xml), once=True))
    iq.send()
    return await asyncio.wait_for(reply, client.op_timeout)


def error_of(reply: ET.Element) -> tuple[str, str, str]:
    """The error type, defined condition and text of an error reply."""
    assert reply.get("type") == "error", ET.tostring(reply)
    error = reply.find("{jabber:client}error")
    assert error is not None, ET.tostring(reply)
    conditions = [child.tag.split("}")[1] for child in error
                  if child.tag.startswith(f"{{{STANZA_ERRORS_NS}}}") and not child.tag.endswith("}text")]
    text = error.find(f"{{{STANZA_ERRORS_NS}}}text")
    return error.get("type"), conditions[0] if conditions else "", text.text if text is not None else ""


def clients(server):
    return (TestClient(f"{server.users[0]}@{server.domain}", server.password, port=server.c2s_port),
            TestClient(f"{server.users[1]}@{server.domain}", server.password, port=server.c2s_port))


@pytest.mark.parametrize("reason,payload,text", OVER_LIMITS, ids=[case[0] for case in OVER_LIMITS])
def test_a_stanza_over_a_limit_is_refused_alone(server, gate, reason, payload, text):
    async def scenario():
        mallory, alice = clients(server)
        async with mallory, alice:
            kind, condition, reason_text = error_of(await send_iq(mallory, server.component_domain, payload()))
            assert (kind, condition) == ("modify", "policy-violation")
            assert text in reason_text
            # The stream is still up for everyone, the sender included.
            await alice.ping(server.component_domain)
            await mallory.ping(server.component_domain)

    run(scenario())
    assert gate.count(AUTHENTICATED) == 1, gate.log()
    assert "reconnecting" not in gate.log()
    assert gate.count("refused a stanza over the stream limits") == 1, gate.log()


def test_a_flood_of_over_deep_stanzas_costs_other_users_nothing(server, gate):
    rounds = 30

    async def scenario():
        mallory, alice = clients(server)
        async with mallory, alice:
            async def flood():
                for _ in range(rounds):
                    reply = await send_iq(mallory, server.component_domain, nested(100))
                    assert error_of(reply)[1] == "policy-violation"

            async def talk():
                answered = 0
                for _ in range(rounds):
                    await alice.ping(server.component_domain)
                    answered += 1
                return answered

            _, answered = await asyncio.gather(flood(), talk())
            assert answered == rounds

    run(scenario(), timeout=120)
    assert gate.count(AUTHENTICATED) == 1, gate.log()
    assert gate.count("refused a stanza over the stream limits") == rounds
