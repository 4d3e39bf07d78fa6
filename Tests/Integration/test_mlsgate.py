"""The real `mlsgate run` against real Prosody and ejabberd servers.

Each server kind is started once per module. Every test starts its own
mlsgate process from a TOML file written for that server, and checks what an
administrator or a client sees: the log, the exit status, and the answers a
slixmpp client gets through the server.

Decided behaviour checked here: a secret the server refuses makes mlsgate log
a line naming `[component] secret` and exit with status 78 (EX_CONFIG), since
retrying cannot help; a server that goes away is reconnected to with backoff;
SIGTERM closes the stream and exits 0.
"""

from __future__ import annotations

import os
import time

import pytest
from slixmpp.exceptions import IqError

from mlsgate_process import AUTHENTICATED, MLSGateProcess
from servers import REPO, XMPPServer
from xmpp_client import TestClient, run

KINDS = os.environ.get("MLSGATE_XMPP_SERVERS", "prosody ejabberd").split()
DISCO_INFO_NS = "http://jabber.org/protocol/disco#info"
DISCO_ITEMS_NS = "http://jabber.org/protocol/disco#items"
PING_NS = "urn:xmpp:ping"
VERSION_NS = "jabber:iq:version"


@pytest.fixture(scope="module", params=KINDS)
def server(request):
    srv = XMPPServer(request.param)
    with srv:
        yield srv


@pytest.fixture
def gate(server):
    with MLSGateProcess(server) as process:
        process.wait_for_log(AUTHENTICATED)
        yield process


def client(server):
    return TestClient(f"{server.users[0]}@{server.domain}", server.password, port=server.c2s_port)


def test_handshake_succeeds_and_disco_info_is_answered(server, gate):
    async def scenario():
        async with client(server) as alice:
            info = await alice.disco_info(server.component_domain)
            assert ("component", "generic", None, "MLSGate") in info["identities"]
            assert {DISCO_INFO_NS, DISCO_ITEMS_NS, PING_NS, VERSION_NS} <= set(info["features"])

    run(scenario())
    assert "not-authorized" not in gate.log()


def test_ping_and_software_version_are_answered(server, gate):
    async def scenario():
        async with client(server) as alice:
            await alice.ping(server.component_domain)
            version = await alice.plugin["xep_0092"].get_version(server.component_domain,
                                                               timeout=alice.op_timeout)
            assert version["software_version"]["name"] == "MLSGate"
            assert version["software_version"]["version"]

    run(scenario())


def test_unknown_iq_gets_service_unavailable(server, gate):
    async def scenario():
        async with client(server) as alice:
            iq = alice.make_iq_get(queryxmlns="urn:example:unknown", ito=server.component_domain)
            with pytest.raises(IqError) as info:
                await iq.send(timeout=alice.op_timeout)
            error = info.value.iq["error"]
            assert error["condition"] == "service-unavailable"
            assert error["type"] == "cancel"
            assert info.value.iq["from"] == server.component_domain

    run(scenario())


def test_wrong_secret_is_reported_with_the_setting_and_exits(server):
    with MLSGateProcess(server, secret="not-the-secret") as gate:
        status = gate.wait(timeout=30)
        log = gate.log()
    assert status == 78, log
    assert "not-authorized" in log, log
    assert "[component] secret" in log, log
    assert AUTHENTICATED not in log, log


def test_reconnects_after_server_restart(server, gate):
    server.restart()
    gate.wait_for_log(AUTHENTICATED, count=2, timeout=90)
    assert gate.proc.poll() is None
    # A bare EOF, or (ejabberd, at times) a system-shutdown stream error first.
    assert any(sign in gate.log() for sign in ("connection-lost", "closed", "system-shutdown"))

    async def scenario():
        async with client(server) as alice:
            info = await alice.disco_info(server.component_domain)
            assert PING_NS in info["features"]

    run(scenario())


def test_sigterm_closes_the_stream_and_exits_zero(server, gate):
    status = gate.terminate()
    log = gate.log()
    assert status == 0, log
    assert "component connection stopped" in log, log
    # The stream was closed, not dropped: a new instance is accepted at once.
    with MLSGateProcess(server) as second:
        second.wait_for_log(AUTHENTICATED, timeout=30)


def test_second_instance_conflict_is_reported_and_retried(server, gate):
    # Prosody refuses a second connection for the domain with `conflict`;
    # ejabberd accepts it (see README.md), so there is nothing to report.
    if server.kind != "prosody":
        pytest.skip("ejabberd accepts a second connection for the same component domain")
    with MLSGateProcess(server) as second:
        second.wait_for_log("[conflict]", timeout=30)
        second.wait_for_log("reconnecting to the XMPP server", timeout=30)
        assert "[component] domain" in second.log()
        assert second.proc.poll() is None, second.log()
        assert second.terminate() == 0, second.log()
    assert gate.proc.poll() is None


def test_example_config_connects_and_stays_up_with_pings(server, tmp_path):
    # Config/mlsgate.toml as shipped, with the server's port and secret from
    # the environment overrides, and pings every second to exercise XEP-0199
    # against the real server: answered pings must keep the link up.
    env = {
        "MLSGATE_COMPONENT_PORT": str(server.component_port),
        "MLSGATE_COMPONENT_SECRET": server.secret,
        "MLSGATE_COMPONENT_PING_INTERVAL": "1",
        "MLSGATE_COMPONENT_PING_TIMEOUT": "3",
        "MLSGATE_STORAGE_PATH": str(tmp_path / "mlsgate.sqlite"),
    }
    with MLSGateProcess(server, config=REPO / "Config" / "mlsgate.toml", env=env) as gate:
        gate.wait_for_log(AUTHENTICATED)
        time.sleep(6)
        log = gate.log()
        assert gate.proc.poll() is None, log
        assert gate.count(AUTHENTICATED) == 1, log
        assert "ping-timeout" not in log, log

        async def scenario():
            async with client(server) as alice:
                await alice.ping(server.component_domain)

        run(scenario())
        assert gate.terminate() == 0, gate.log()


def test_metrics_endpoint_counts_stanzas_and_reads_the_database(server):
    # [metrics] listen from the environment, on a port chosen for this test.
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"MLSGATE_METRICS_LISTEN": f"127.0.0.1:{port}"}
    with MLSGateProcess(server, env=env) as gate:
        gate.wait_for_log(AUTHENTICATED)

        async def scenario():
            async with client(server) as alice:
                await alice.disco_info(server.component_domain)

        run(scenario())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
            text = response.read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        assert values.get('mlsgate_stanzas_received_total{kind="iq"}', 0) >= 1, text
        assert values.get('mlsgate_stanzas_sent_total{kind="iq"}', 0) >= 1, text
        assert values.get("mlsgate_rooms") == 0, text
        assert values.get("mlsgate_keypackages_in_stock") == 0, text
        assert values.get("mlsgate_bots") == 0, text
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert missing.value.code == 404
        assert gate.terminate() == 0, gate.log()
