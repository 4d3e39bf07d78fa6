"""Checks the throwaway XMPP servers (scripts/lib/*.sh) with a fake XEP-0114 component.

Each server kind is started once per module (in a directory under /tmp)
through the bash functions, and stopped at the end.  MLSGATE_XMPP_SERVERS
("prosody ejabberd" by default) picks the kinds.

What the servers answer, as seen here (Prosody 0.12.3, ejabberd 23.01,
Debian 12):

* good handshake: both send an empty `<handshake/>`.
* wrong secret:
    Prosody:  <stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>
              <text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match
              calculated token</text></stream:error></stream:stream>
    ejabberd: <stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>
              </stream:error></stream:stream>
  and both close the connection.
* a second component for an already connected domain:
    Prosody refuses it with <stream:error><conflict/><text>Component already
    connected</text></stream:error>; the first stays.
    ejabberd accepts it (`<handshake/>`) and keeps the first connected too;
    stanzas for the domain then go to the newest connection, and back to the
    older one once the newest leaves.
* server stop/restart: neither sends a stream error nor </stream:stream> to
  the component; the socket just closes (EOF), then the port refuses
  connections until the server is back.
"""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET

import pytest

from fake_component import DISCO_INFO_NS, PING_NS, FakeComponent, HandshakeRefused
from servers import XMPPServer
from xmpp_client import TestClient, run

KINDS = os.environ.get("MLSGATE_XMPP_SERVERS", "prosody ejabberd").split()


@pytest.fixture(scope="module", params=KINDS)
def server(request):
    srv = XMPPServer(request.param)
    with srv:
        yield srv


@pytest.fixture
def component(server):
    comp = FakeComponent("127.0.0.1", server.component_port, server.component_domain,
                         server.secret)
    comp.start(reconnect=True)
    yield comp
    comp.stop()


def wait_for(predicate, timeout=20.0, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def client(server, user=None):
    user = user or server.users[0]
    return TestClient(f"{user}@{server.domain}", server.password, port=server.c2s_port)


def test_ports_env(server):
    env = server.env
    for key in ("XMPP_C2S_PORT", "XMPP_COMPONENT_PORT", "COMPONENT_SECRET"):
        assert env[key]
    assert env["COMPONENT_DOMAIN"] == "mls.localhost"
    assert env["MUC_DOMAIN"] == "muc.localhost"
    prefix = server.kind.upper()
    assert env[f"{prefix}_C2S_PORT"] == env["XMPP_C2S_PORT"]
    assert env[f"{prefix}_COMPONENT_PORT"] == env["XMPP_COMPONENT_PORT"]


def test_component_handshake(server):
    comp = FakeComponent("127.0.0.1", server.component_port, server.component_domain,
                         server.secret)
    comp.connect()
    try:
        assert comp.stream_id
        assert comp.handshake_reply.strip() in (b"<handshake/>", b"<handshake></handshake>")
    finally:
        comp.stop()


def test_wrong_secret_is_refused(server):
    comp = FakeComponent("127.0.0.1", server.component_port, server.component_domain,
                         "not-the-secret")
    with pytest.raises(HandshakeRefused) as info:
        comp.connect()
    comp.stop()
    refused = info.value
    assert refused.condition == "not-authorized", refused
    assert b"</stream:stream>" in refused.raw
    if server.kind == "prosody":
        assert refused.text == "Given token does not match calculated token"
    else:
        assert refused.text is None


def test_second_component_connection(server, component):
    second = FakeComponent("127.0.0.1", server.component_port, server.component_domain,
                           server.secret)
    try:
        if server.kind == "prosody":
            with pytest.raises(HandshakeRefused) as info:
                second.connect()
            assert info.value.condition == "conflict"
            assert info.value.text == "Component already connected"
        else:
            second.connect()  # ejabberd takes both
    finally:
        second.stop()
    time.sleep(0.3)
    assert component.connected.is_set()


def test_client_muc_and_component_disco(server, component):
    room = f"testroom@{server.muc_domain}"

    async def scenario():
        async with client(server) as alice:
            presences = await alice.join_room(room, "alice")
            own = presences[0]
            assert own["from"].bare == room
            assert own["muc"]["role"] == "moderator"

            info = await alice.disco_info(server.component_domain)
            assert ("gateway", "mls", None, "Fake MLSGate") in info["identities"]
            assert {DISCO_INFO_NS, PING_NS} <= set(info["features"])

            await alice.ping(server.component_domain)
            return str(alice.boundjid)

    full_jid = run(scenario())
    # The component saw the IQs, addressed from the client's full JID.
    iqs = [e for e in component.received if e.tag.endswith("}iq")]
    assert any(e.get("from") == full_jid and e.find(f"{{{DISCO_INFO_NS}}}query") is not None
               for e in iqs), [ET.tostring(e) for e in iqs]


def test_component_message_reaches_client(server, component):
    async def scenario():
        async with client(server, server.users[1]) as bob:
            component.send_message(str(bob.boundjid), "hello from the component")
            msg = await bob.next_message()
            assert msg["from"] == server.component_domain
            assert msg["body"] == "hello from the component"

    run(scenario())


def test_client_message_reaches_component(server, component):
    async def scenario():
        async with client(server) as alice:
            alice.send_message(mto=f"gate@{server.component_domain}", mbody="to the gate",
                               mtype="chat")
            await alice.ping(server.component_domain)  # the message went before this

    run(scenario())
    assert wait_for(lambda: any(
        e.tag.endswith("}message") and e.get("to") == f"gate@{server.component_domain}"
        and e.findtext("{jabber:component:accept}body") == "to the gate"
        for e in component.received))


def test_restart_under_running_component(server, component):
    assert component.connections == 1
    server.restart()
    # The server closes the socket without a stream error; the fake
    # component reconnects by itself.
    assert wait_for(lambda: component.connections >= 2, timeout=30), component.last_error
    assert component.disconnects[0] == "eof"

    async def scenario():
        async with client(server) as alice:
            info = await alice.disco_info(server.component_domain)
            assert PING_NS in info["features"]

    run(scenario())
