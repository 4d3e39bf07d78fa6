"""Crash consistency and faults of the Delivery Service, through real servers under load.

- `MLSGATE_FAULT_KILLS` (default 20) SIGKILLs of mlsgate, through Prosody, while three members send room
  messages and two of them fetch KeyPackages; mlsgate restarts on the same database after each. Afterwards every
  message reflected before a kill is in the history, no message is both refused and stored or stored twice,
  stanza-ids are unique, no KeyPackage was served twice and `PRAGMA integrity_check` says `ok`.
- The XMPP server (Prosody, ejabberd) restarted while the members send: mlsgate is back within 5 s, and the
  members reconnect, enter the room again with the same nicks and are reflected at once.
- A disk that refuses writes (below): every sender gets `internal-server-error` with the storage text, the log
  names the failure, nothing is half-applied, and mlsgate works again once writes succeed, without a restart.

The room lets PrivateMessage handshakes through (`handshakes = private-allowed`), so the messages are
PrivateMessage-shaped MLSMessages built here: the Delivery Service orders them by their clear header, which is
what these tests are about. Each run prints its figures (`fault figures: ...`).
"""

from __future__ import annotations

import asyncio
import base64
import os
import random
import resource
import sqlite3
import time
import xml.etree.ElementTree as ET

import pytest
from slixmpp.exceptions import IqError, IqTimeout

from mls_peer import MLSPeer
from mlsgate_process import AUTHENTICATED, MLSGateProcess
from servers import XMPPServer
from test_mlsgate import server  # noqa: F401 (fixture)
from xmpp_client import TestClient, run

KILLS = int(os.environ.get("MLSGATE_FAULT_KILLS", "20"))
PER_KILL = 25  # KeyPackages published before each kill
MLS_NS = "urn:xmpp:mls:0"
KP_NS = "urn:xmpp:mls:keypackages:0"
SID_NS = "urn:xmpp:sid:0"
STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas"
MEMBERS = ("alice", "bob", "carol")
GROUP = b"fault-group"
# The room accepts PrivateMessage commits; mlsgate reconnects at most 1 s after losing the server; quotas are
# out of the way of the fetch load.
ENV = {
    "MLSGATE_ROOM_POLICY_HANDSHAKES": "private-allowed",
    "MLSGATE_COMPONENT_RECONNECT_MAX_DELAY": "1",
    "MLSGATE_KEYPACKAGES_FETCH_QUOTA": "1000000",
    "MLSGATE_KEYPACKAGES_LOW_MARK": "0",
}


def varint_vector(data: bytes) -> bytes:
    """An RFC 9420 §2.1.2 variable-length vector."""
    n = len(data)
    if n < 1 << 6:
        prefix = bytes([n])
    elif n < 1 << 14:
        prefix = (0x4000 | n).to_bytes(2, "big")
    else:
        prefix = (0x80000000 | n).to_bytes(4, "big")
    return prefix + data


def private_message(epoch: int, content_type: int, tag: str) -> bytes:
    """An MLSMessage (mls10) carrying a PrivateMessage whose ciphertext is the tag: content_type 1 is an
    application message, 3 a commit."""
    return (
        (1).to_bytes(2, "big") + (2).to_bytes(2, "big") + varint_vector(GROUP) + epoch.to_bytes(8, "big")
        + bytes([content_type]) + varint_vector(b"") + varint_vector(b"\x01" * 16) + varint_vector(tag.encode())
    )


def mls_message(payload: bytes) -> list[ET.Element]:
    element = ET.Element(f"{{{MLS_NS}}}mls")
    element.text = base64.b64encode(payload).decode()
    return [element]


def payload_of(stanza: ET.Element) -> bytes | None:
    mls = stanza.find(f"{{{MLS_NS}}}mls")
    return base64.b64decode(mls.text) if mls is not None and mls.text else None


def stanza_error(stanza: ET.Element) -> tuple[str, str]:
    """The defined condition and text of an error stanza."""
    error = stanza.find("{jabber:client}error")
    if error is None:
        return "", ""
    names = [c.tag.split("}")[1] for c in error
             if c.tag.startswith(f"{{{STANZAS_NS}}}") and not c.tag.endswith("}text")]
    return (names[0] if names else ""), error.findtext(f"{{{STANZAS_NS}}}text") or ""


class Ledger:
    """What the members saw: messages sent, reflected (with their stanza-id) and refused, KeyPackages served."""

    def __init__(self):
        self.sent: dict[str, bytes] = {}        # message id -> payload
        self.reflected: dict[str, str] = {}     # message id -> stanza-id
        self.refused: dict[str, tuple[str, str]] = {}  # message id -> (condition, text)
        self.served: list[bytes] = []

    def record(self, stanza: ET.Element) -> None:
        mid = stanza.get("id")
        if mid not in self.sent:
            return
        if stanza.get("type") == "error":
            self.refused[mid] = stanza_error(stanza)
        elif stanza.get("type") == "groupchat" and payload_of(stanza) == self.sent[mid]:
            sid = stanza.find(f"{{{SID_NS}}}stanza-id").get("id")
            assert self.reflected.setdefault(mid, sid) == sid, f"{mid} reflected with two stanza-ids"

    def drain(self, clients: list[TestClient]) -> None:
        for member in clients:
            while not member.stanzas.empty():
                self.record(member.stanzas.get_nowait())

    async def wait_for(self, who: TestClient, predicate, timeout: float = 10) -> ET.Element:
        """Records what `who` receives until a stanza matches `predicate`."""
        def matches(stanza):
            self.record(stanza)
            return predicate(stanza)
        return await who.next_stanza(matches, timeout=timeout)

    async def wait(self, who: TestClient, mid: str, kind: str | None = "groupchat", timeout: float = 10) -> ET.Element:
        """Records what `who` receives until the message `mid` comes back as `kind` (groupchat, error, or None
        for either)."""
        return await self.wait_for(who, lambda s: s.get("id") == mid and kind in (None, s.get("type")), timeout)


def member(server: XMPPServer, name: str) -> TestClient:
    return TestClient(f"{name}@{server.domain}", server.password, port=server.c2s_port, timeout=10)


async def members(server: XMPPServer) -> list[TestClient]:
    """alice, bob and carol, logged in."""
    clients = [member(server, name) for name in MEMBERS]
    for who in clients:
        await who.login()
    return clients


def key_packages(owner: str, count: int) -> list[bytes]:
    """Fresh KeyPackages of `owner`, made by mls-rs."""
    with MLSPeer() as peer:
        peer.client(owner)
        return [peer.key_package(owner) for _ in range(count)]


def room_of(server: XMPPServer, name: str) -> str:
    return f"{name}@{server.component_domain}"


async def publish(who: TestClient, server: XMPPServer, packages: list[bytes]) -> None:
    payload = ET.Element(f"{{{KP_NS}}}publish")
    for package in packages:
        ET.SubElement(payload, f"{{{KP_NS}}}key-package").text = base64.b64encode(package).decode()
    await who.iq("set", server.component_domain, payload)


async def fetch_once(who: TestClient, server: XMPPServer, owner: str, timeout: float = 3) -> list[bytes]:
    iq = who.make_iq(ito=server.component_domain, itype="get")
    iq.append(ET.Element(f"{{{KP_NS}}}fetch", {"jid": owner, "cipher-suite": "1"}))
    result = await iq.send(timeout=timeout)
    return [base64.b64decode(e.text) for e in result.xml.iter(f"{{{KP_NS}}}key-package")]


async def history(who: TestClient, room: str) -> list[ET.Element]:
    """Every message of the room's history, page after page."""
    messages, after = [], None
    while True:
        attributes = {"max": "50"} | ({"after": after} if after else {})
        page = await who.iq("get", room, ET.Element(f"{{{MLS_NS}}}history", attributes))
        messages += list(page)
        if page.get("complete") == "true" or not list(page):
            return messages
        after = messages[-1].get("stanza-id")


async def send_until(stop: asyncio.Event, who: TestClient, name: str, room: str, ledger: Ledger, label: str,
                     pause: float = 0.02) -> None:
    """Sends application messages for epoch 1, each with a unique id and payload, until `stop` is set."""
    i = 0
    while not stop.is_set():
        mid = f"{label}-{name}-{i}"
        ledger.sent[mid] = private_message(1, 1, mid)
        who.send_message_with(room, mls_message(ledger.sent[mid]), mtype="groupchat", mid=mid)
        i += 1
        await asyncio.sleep(pause)


async def fetch_until(stop: asyncio.Event, who: TestClient, server: XMPPServer, owner: str, ledger: Ledger) -> None:
    while not stop.is_set():
        try:
            ledger.served += await fetch_once(who, server, owner)
        except (IqError, IqTimeout):
            await asyncio.sleep(0.05)


async def bind_room(who: TestClient, room: str, ledger: Ledger) -> None:
    """The first commit, for epoch 0, binds the room to the group; the room is then at epoch 1."""
    ledger.sent["commit"] = private_message(0, 3, "commit")
    who.send_message_with(room, mls_message(ledger.sent["commit"]), mtype="groupchat", mid="commit")
    await ledger.wait(who, "commit")


def check_history(messages: list[ET.Element], ledger: Ledger) -> dict[str, int]:
    """Checks the stored history against what the members saw; returns the figures."""
    stored: dict[bytes, list[str]] = {}
    for message in messages:
        stored.setdefault(payload_of(message), []).append(message.get("stanza-id"))
    sids = [m.get("stanza-id") for m in messages]
    assert len(sids) == len(set(sids)), "a stanza-id is used twice"
    twice = [sids for sids in stored.values() if len(sids) > 1]
    assert not twice, f"messages stored twice: {twice}"
    by_payload = {payload: mid for mid, payload in ledger.sent.items()}
    unknown = [p for p in stored if p not in by_payload]
    assert not unknown, f"stored messages nobody sent: {unknown[:3]}"
    lost = [mid for mid in ledger.reflected if ledger.sent[mid] not in stored]
    assert not lost, f"reflected but not in the history: {lost}"
    for mid, sid in ledger.reflected.items():
        assert stored[ledger.sent[mid]] == [sid], f"{mid}: reflected as {sid}, stored as {stored[ledger.sent[mid]]}"
    both = [mid for mid in ledger.refused if ledger.sent[mid] in stored]
    assert not both, f"refused and stored: {[(mid, ledger.refused[mid]) for mid in both]}"
    assert len(ledger.served) == len(set(ledger.served)), "a KeyPackage was served twice"
    conditions: dict[str, int] = {}
    for condition, _ in ledger.refused.values():
        conditions[condition] = conditions.get(condition, 0) + 1
    return {"reflected": len(ledger.reflected), "stored": len(messages), "refused": len(ledger.refused),
            "sent": len(ledger.sent), "conditions": ", ".join(f"{n} {c}" for c, n in sorted(conditions.items()))}


def integrity(path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def test_sigkills_under_load_lose_nothing_reflected_and_serve_no_keypackage_twice(server):
    if server.kind != "prosody":
        pytest.skip("the SIGKILL test runs through Prosody; the server plays no part in what it checks")
    room = room_of(server, "kills")
    bob_jid = f"bob@{server.domain}"
    ledger = Ledger()
    rng = random.Random(19)
    packages = key_packages(bob_jid, PER_KILL * KILLS)
    first = MLSGateProcess(server, env=ENV, level="info")
    config, database = first.config, first.dir / "mlsgate.sqlite"

    async def scenario():
        clients = await members(server)
        alice, bob, carol = clients
        try:
            for kill in range(KILLS):
                gate = first if kill == 0 else MLSGateProcess(server, config=config, env=ENV)
                gate.start()
                try:
                    gate.wait_for_log(AUTHENTICATED, timeout=30)
                    for who, name in zip(clients, MEMBERS):
                        await who.join_room(room, name)
                    if kill == 0:
                        await bind_room(alice, room, ledger)
                    await publish(bob, server, packages[PER_KILL * kill:PER_KILL * (kill + 1)])
                    stop = asyncio.Event()
                    tasks = [asyncio.create_task(send_until(stop, who, name, room, ledger, f"k{kill}", pause=0.005))
                             for who, name in zip(clients, MEMBERS)]
                    tasks += [asyncio.create_task(fetch_until(stop, who, server, bob_jid, ledger))
                              for who in (alice, carol)]
                    await asyncio.sleep(rng.uniform(0.3, 1.2))
                    gate.proc.kill()
                    gate.proc.wait(timeout=10)
                    # The members go on sending to the component the server now reports unavailable.
                    await asyncio.sleep(0.3)
                    stop.set()
                    await asyncio.sleep(0.3)  # the stanzas already on their way, and the server's bounces
                    for task in tasks:
                        task.cancel()
                    await asyncio.gather(*tasks, return_exceptions=True)
                finally:
                    gate.stop()
                ledger.drain(clients)
            with MLSGateProcess(server, config=config, env=ENV) as last:
                last.wait_for_log(AUTHENTICATED, timeout=30)
                messages = await history(alice, room)
                epoch = await alice.iq("get", room, ET.Element(f"{{{MLS_NS}}}epoch"))
                assert epoch.get("epoch") == "1"
                assert last.terminate() == 0, last.log()
            return messages
        finally:
            for who in clients:
                await who.logout()

    messages = run(scenario(), timeout=60 + 15 * KILLS)
    figures = check_history(messages, ledger)
    assert integrity(database) == "ok"
    assert figures["reflected"] > KILLS, figures
    print(f"\nfault figures: {KILLS} kills survived; {figures['reflected']} reflected messages checked in the "
          f"history ({figures['stored']} stored, {figures['refused']} refused: {figures['conditions']}; "
          f"{figures['sent']} sent); "
          f"{len(ledger.served)} KeyPackages served, none twice; integrity_check ok")


def test_the_server_restarted_under_load_lets_the_members_enter_and_talk_at_once(server):
    room = room_of(server, "restart")
    ledger = Ledger()
    with MLSGateProcess(server, env=ENV, level="info") as gate:
        gate.wait_for_log(AUTHENTICATED)

        async def before():
            clients = await members(server)
            for who, name in zip(clients, MEMBERS):
                await who.join_room(room, name)
            await bind_room(clients[0], room, ledger)
            stop = asyncio.Event()
            tasks = [asyncio.create_task(send_until(stop, who, name, room, ledger, "before", pause=0.05))
                     for who, name in zip(clients, MEMBERS)]
            await asyncio.sleep(1)
            return clients, stop, tasks

        async def restart(clients, stop, tasks):
            # The server goes down while the members send.
            restarted = asyncio.get_running_loop().run_in_executor(None, server.restart)
            await asyncio.sleep(0.5)
            stop.set()
            await asyncio.gather(*tasks)
            await restarted
            up = time.monotonic()
            while gate.count(AUTHENTICATED) < 2 and time.monotonic() - up < 10:
                await asyncio.sleep(0.05)
            back = time.monotonic() - up
            ledger.drain(clients)
            for who in clients:
                who.abort()
            return back

        async def after():
            clients = await members(server)
            try:
                for who, name in zip(clients, MEMBERS):
                    await who.join_room(room, name)  # the same nicks: the old occupants are gone
                for who, name in zip(clients, MEMBERS):
                    mid = f"after-{name}"
                    ledger.sent[mid] = private_message(1, 1, mid)
                    who.send_message_with(room, mls_message(ledger.sent[mid]), mtype="groupchat", mid=mid)
                for who in clients:
                    seen = set()
                    def every(stanza):
                        assert stanza.get("type") != "error" or not stanza.get("id", "").startswith("after-"), \
                            ET.tostring(stanza)
                        if stanza.get("type") == "groupchat":
                            seen.add(stanza.get("id"))
                        return {f"after-{name}" for name in MEMBERS} <= seen
                    await ledger.wait_for(who, every)
                ledger.drain(clients)
                return await history(clients[0], room)
            finally:
                for who in clients:
                    await who.logout()

        async def scenario():
            clients, stop, tasks = await before()
            back = await restart(clients, stop, tasks)
            return back, await after()

        back, messages = run(scenario(), timeout=180)
        assert gate.count(AUTHENTICATED) == 2, gate.log()
        assert back <= 5, f"mlsgate took {back:.1f} s to be back after {server.kind} restarted"
        figures = check_history(messages, ledger)
        assert all(f"after-{name}" in ledger.reflected for name in MEMBERS)
        print(f"\nfault figures: {server.kind} restarted; mlsgate back {back:.1f} s after it; "
              f"{figures['reflected']} reflected messages checked in the history")


def test_a_disk_that_refuses_writes_refuses_cleanly_and_recovers(server):
    """The disk refuses writes: a file size limit (RLIMIT_FSIZE) of 0 bytes set on the running mlsgate makes
    every write(2) to its database files fail (EFBIG; a full disk fails it with ENOSPC), which SQLite reports as
    a disk I/O error, in the middle of each transaction's commit. Raising the limit is the space coming back.
    Making the file read-only with chmod would test nothing: mlsgate's open descriptors stay writable, and root
    ignores file modes."""
    room = room_of(server, "diskfull")
    ledger = Ledger()
    bob_jid = f"bob@{server.domain}"
    packages = key_packages(bob_jid, 3)
    with MLSGateProcess(server, env=ENV, level="info", piped_log=True) as gate:
        gate.wait_for_log(AUTHENTICATED)
        _, hard = resource.prlimit(gate.proc.pid, resource.RLIMIT_FSIZE)

        async def scenario():
            clients = await members(server)
            alice, bob, carol = clients
            try:
                for who, name in zip(clients, MEMBERS):
                    await who.join_room(room, name)
                await bind_room(alice, room, ledger)
                await publish(bob, server, packages[:1])
                before = await history(alice, room)

                resource.prlimit(gate.proc.pid, resource.RLIMIT_FSIZE, (0, hard))
                for who, name in zip(clients, MEMBERS):
                    mid = f"full-{name}"
                    ledger.sent[mid] = private_message(1, 1, mid)
                    who.send_message_with(room, mls_message(ledger.sent[mid]), mtype="groupchat", mid=mid)
                    error = await ledger.wait(who, mid, None)
                    assert error.get("type") == "error", ET.tostring(error)
                    condition, text = stanza_error(error)
                    assert (condition, text) == ("internal-server-error", "the database failed"), (condition, text)
                    assert error.find(f"{{jabber:client}}error/{{{MLS_NS}}}storage") is not None, ET.tostring(error)
                with pytest.raises(IqError) as refused:
                    await fetch_once(carol, server, bob_jid)
                assert refused.value.iq["error"]["condition"] == "internal-server-error"
                with pytest.raises(IqError) as refused:
                    await publish(bob, server, packages[1:2])
                assert refused.value.iq["error"]["condition"] == "internal-server-error"
                # Nothing was half-applied: the history and the stock are as before, and reads still work.
                assert [m.get("stanza-id") for m in await history(alice, room)] == \
                    [m.get("stanza-id") for m in before]
                count = await bob.iq("get", server.component_domain, ET.Element(f"{{{KP_NS}}}count"))
                assert count.get("available") == "1"

                resource.prlimit(gate.proc.pid, resource.RLIMIT_FSIZE, (hard, hard))
                for who, name in zip(clients, MEMBERS):
                    mid = f"back-{name}"
                    ledger.sent[mid] = private_message(1, 1, mid)
                    who.send_message_with(room, mls_message(ledger.sent[mid]), mtype="groupchat", mid=mid)
                    await ledger.wait(who, mid)
                ledger.served += await fetch_once(carol, server, bob_jid)
                await publish(bob, server, packages[1:])
                ledger.drain(clients)
                return await history(alice, room)
            finally:
                for who in clients:
                    await who.logout()

        messages = run(scenario(), timeout=120)
        assert gate.proc.poll() is None, gate.log()
        log = gate.log()
        assert gate.terminate() == 0, log
    figures = check_history(messages, ledger)
    assert [name for name in MEMBERS if f"full-{name}" in ledger.refused] == list(MEMBERS)
    assert [name for name in MEMBERS if f"back-{name}" in ledger.reflected] == list(MEMBERS)
    assert ledger.served == packages[:1]
    assert "disk I/O error" in log, log
    assert integrity(gate.dir / "mlsgate.sqlite") == "ok"
    print(f"\nfault figures: {server.kind}: writes refused then allowed; {figures['refused']} messages refused "
          f"and not stored, {figures['reflected']} reflected and stored; integrity_check ok")
