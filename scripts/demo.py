#!/usr/bin/env python3
"""A short encrypted conversation through MLSGate: what crossed the wire, and what the members read.

    demo.py --binary .build/release/mlsgate --server-dir DIR --workdir WORK

DIR is the directory of a running XMPP server started by scripts/lib/prosody.sh (or ejabberd.sh): its
ports.env gives the ports, domains, component secret and test accounts. The driver writes an MLSGate
configuration into WORK (the echo bot, metrics on a free loopback port, the database left at its default,
mlsgate.sqlite, in WORK), runs `mlsgate run` there, and plays, through the server and only with the
protocol of docs/protocol.md:

1. alice and bob publish KeyPackages to the directory; alice fetches bob's and the echo bot's;
2. alice creates an MLS group (mls-rs), enters the room, and commits the Add of bob and of the bot with
   its Welcome; bob joins the group from the Welcome mlsgate delivers, then enters the room; the bot,
   inside mlsgate, does the same;
3. alice and bob exchange XEP-0420 envelopes encrypted as MLS application messages, and the bot answers
   each with "echo: ...";
4. alice and bob commit at the same epoch: mlsgate accepts the first and refuses the second (stale-epoch);
   bob catches up and writes again.

It prints each step in two columns: the base64 MLS payload that crossed the server and mlsgate
(truncated), and what each member read after decrypting it. Then it checks that neither mlsgate's
database nor its log holds any of the texts, prints the figures of the Prometheus endpoint (failing if it
does not answer), stops mlsgate with SIGTERM and fails unless it exits 0.

The bots' at-rest key comes from MLSGATE_BOTS_STATE_KEY (64 hex digits), or is made here when unset. The
XMPP and MLS clients are those of the integration tests (Tests/Integration). `run_demo` is the entry point
for other Python code; it raises DemoError when anything fails.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO
from xml.sax.saxutils import escape, quoteattr

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "Integration"))

from mls_peer import MLSPeer  # noqa: E402
from servers import parse_env_file  # noqa: E402
from slixmpp.xmlstream.handler import Callback  # noqa: E402
from slixmpp.xmlstream.matcher import MatchXPath  # noqa: E402
from xmpp_client import TestClient  # noqa: E402

KP_NS = "urn:xmpp:mls:keypackages:0"
MLS_NS = "urn:xmpp:mls:0"
OWNER_NS = "http://jabber.org/protocol/muc#owner"
DATA_NS = "jabber:x:data"
DISCO_NS = "http://jabber.org/protocol/disco#info"
SCE_NS = "urn:xmpp:sce:1"
AUTHENTICATED = "component authenticated"
BOT = "echo"
WIRE_WIDTH = 72
STEP_TIMEOUT = 30.0


class DemoError(RuntimeError):
    """Something in the demo did not happen as it should."""


@dataclass
class Report:
    """What a run showed, for callers that check it."""

    texts: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    exit_status: int | None = None


# -- output --------------------------------------------------------------------------------------------------


class Transcript:
    """Prints steps and two-column rows: the wire on the left, what the members read on the right."""

    def __init__(self, out: TextIO):
        self.out = out

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def step(self, title: str) -> None:
        self.say()
        self.say(f"== {title}")

    def columns(self) -> None:
        self.say(f"  {'on the wire (base64 MLS, truncated)':<{WIRE_WIDTH}} | what the members read")
        self.say(f"  {'-' * WIRE_WIDTH}-+-{'-' * 40}")

    def row(self, wire: str, reads: list[str]) -> None:
        for index, read in enumerate(reads or [""]):
            left = wire if index == 0 else ""
            self.say(f"  {left:<{WIRE_WIDTH}} | {read}".rstrip())


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text.strip(), validate=True)


def short(data: bytes) -> str:
    """The base64 of data, cut in the middle so that it fits the wire column."""
    text = b64(data)
    return f"{text[:16]}...{text[-6:]} ({len(data)} B)" if len(text) > 26 else f"{text} ({len(data)} B)"


# -- the mlsgate process -------------------------------------------------------------------------------------


class Gateway:
    """`mlsgate run --config WORK/mlsgate.toml`, started in WORK, its log in WORK/mlsgate.log."""

    def __init__(self, binary: Path, workdir: Path, server: dict[str, str], state_key: str):
        self.binary = binary
        self.workdir = workdir
        self.config = workdir / "mlsgate.toml"
        self.log_path = workdir / "mlsgate.log"
        self.pid_path = workdir / "mlsgate.pid"
        self.database = workdir / "mlsgate.sqlite"
        self.metrics_port = free_port()
        self.state_key = state_key
        self.proc: subprocess.Popen | None = None
        self.config.write_text(
            "# Written by scripts/demo.py for one run. [storage] is left out: the database is the default,\n"
            "# mlsgate.sqlite in the working directory. The bots' key comes from MLSGATE_BOTS_STATE_KEY.\n"
            "[component]\n"
            f'domain = "{server["COMPONENT_DOMAIN"]}"\n'
            f'secret = "{server["COMPONENT_SECRET"]}"\n'
            'host = "127.0.0.1"\n'
            f'port = {server["XMPP_COMPONENT_PORT"]}\n'
            "[metrics]\n"
            f'listen = "127.0.0.1:{self.metrics_port}"\n'
            "[logging]\n"
            'level = "info"\n'
            "[[bots]]\n"
            f'jid = "{BOT}@{server["COMPONENT_DOMAIN"]}"\n'
            'kind = "echo"\n'
        )
        self.config.chmod(0o600)

    def start(self) -> None:
        # Settings come from the file alone, whatever MLSGATE_* the caller's environment holds.
        env = {k: v for k, v in os.environ.items() if not k.startswith("MLSGATE_")}
        env["MLSGATE_BOTS_STATE_KEY"] = self.state_key
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [str(self.binary), "run", "--config", str(self.config)],
                cwd=self.workdir, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            )
        self.pid_path.write_text(f"{self.proc.pid}\n")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def wait_for_log(self, text: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log():
            if self.proc and self.proc.poll() is not None:
                raise DemoError(f"mlsgate exited with status {self.proc.returncode} before logging {text!r}")
            if time.monotonic() > deadline:
                raise DemoError(f"mlsgate did not log {text!r} within {timeout:.0f} s")
            time.sleep(0.1)

    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/metrics"

    def terminate(self, timeout: float = 30.0) -> int | None:
        """SIGTERM, then the exit status; SIGKILL (and None) if it is still running after timeout."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            status = None
        self.pid_path.unlink(missing_ok=True)
        return status


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the protocol (docs/protocol.md) -------------------------------------------------------------------------


def kp_request(name: str, **attributes: str) -> ET.Element:
    return ET.Element(f"{{{KP_NS}}}{name}", {k.replace("_", "-"): v for k, v in attributes.items()})


def mls_element(name: str, data: bytes) -> ET.Element:
    element = ET.Element(f"{{{MLS_NS}}}{name}")
    element.text = b64(data)
    return element


def envelope(text: str, sender: str) -> bytes:
    """An XEP-0420 envelope carrying a text body, as docs/protocol.md describes the application payload."""
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"<envelope xmlns='{SCE_NS}'><content><body xmlns='jabber:client'>{escape(text)}</body></content>"
        f"<rpad>{secrets.token_urlsafe(secrets.randbelow(12) + 1)}</rpad><from jid={quoteattr(sender)}/>"
        f"<time stamp='{stamp}'/></envelope>"
    ).encode()


def read_envelope(data: bytes) -> tuple[str | None, str | None]:
    """The body and the `from` JID of an envelope."""
    root = ET.fromstring(data)
    if root.tag != f"{{{SCE_NS}}}envelope":
        raise DemoError(f"not an XEP-0420 envelope: {root.tag}")
    body = root.find(f"{{{SCE_NS}}}content/{{jabber:client}}body")
    sender = root.find(f"{{{SCE_NS}}}from")
    return (body.text if body is not None else None), (sender.get("jid") if sender is not None else None)


def is_reflection(stanza) -> bool:
    return stanza.get("type") == "groupchat" and stanza.find(f"{{{MLS_NS}}}mls") is not None


class Member:
    """One person: an XMPP account (slixmpp) and an MLS client (mls-rs)."""

    def __init__(self, name: str, server: dict[str, str], peer: MLSPeer):
        self.name = name
        self.jid = f"{name}@{server['XMPP_DOMAIN']}"
        self.peer = peer
        self.xmpp = TestClient(self.jid, server["XMPP_TEST_PASSWORD"], port=int(server["XMPP_C2S_PORT"]),
                               timeout=STEP_TIMEOUT)
        self.presences: asyncio.Queue = asyncio.Queue()
        self.xmpp.register_handler(Callback(f"{name}-presences", MatchXPath("{jabber:client}presence"),
                                            lambda presence: self.presences.put_nowait(presence.xml)))
        peer.client(self.jid)

    async def next(self, predicate: Callable, what: str):
        try:
            return await self.xmpp.next_stanza(predicate, timeout=STEP_TIMEOUT)
        except asyncio.TimeoutError:
            raise DemoError(f"{self.name} waited {STEP_TIMEOUT:.0f} s for {what}") from None

    async def occupant_online(self, room: str, nick: str) -> None:
        deadline = asyncio.get_running_loop().time() + STEP_TIMEOUT
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            try:
                presence = await asyncio.wait_for(self.presences.get(), max(remaining, 0.01))
            except asyncio.TimeoutError:
                raise DemoError(f"{self.name} did not see {nick} enter {room}") from None
            if presence.get("from") == f"{room}/{nick}" and presence.get("type") is None:
                return

    async def reflection_from(self, room: str, nick: str) -> bytes:
        stanza = await self.next(lambda s: is_reflection(s) and s.get("from") == f"{room}/{nick}",
                                 f"a message from {nick}")
        return unb64(stanza.find(f"{{{MLS_NS}}}mls").text)

    def process(self, payload: bytes) -> dict:
        return self.peer("process", client=self.jid, message=payload.hex())

    def read_text(self, payload: bytes, sender: str) -> str:
        """Decrypts an application message and returns its body, after checking the envelope names sender."""
        result = self.process(payload)
        if result["kind"] != "application":
            raise DemoError(f"{self.name} expected an application message, got a {result['kind']}")
        body, envelope_from = read_envelope(bytes.fromhex(result["data"]))
        if body is None:
            raise DemoError(f"{self.name} read an envelope without a body")
        if envelope_from != sender:
            raise DemoError(f"{self.name} read an envelope naming {envelope_from}, from the occupant of {sender}")
        return body


# -- the scenario --------------------------------------------------------------------------------------------


class Scenario:
    def __init__(self, server: dict[str, str], peer: MLSPeer, transcript: Transcript, report: Report):
        self.server = server
        self.peer = peer
        self.out = transcript
        self.report = report
        self.component = server["COMPONENT_DOMAIN"]
        self.room = f"demo@{self.component}"
        self.bot_jid = f"{BOT}@{self.component}"
        self.alice = Member("alice", server, peer)
        self.bob = Member("bob", server, peer)

    async def run(self, after_conversation: Callable[[], None]) -> None:
        await self.alice.xmpp.login()
        try:
            await self.bob.xmpp.login()
            try:
                await self.directory()
                await self.group()
                self.out.step(f"an encrypted conversation in {self.room}")
                self.out.columns()
                await self.say(self.alice, "Hi Bob! Only the members of this room can read this.")
                await self.say(self.bob, "Hello Alice. The server and the gateway carry ciphertext only.")
                await self.race()
                await self.say(self.bob, "Still in sync after the race.")
                await self.policy()
                after_conversation()
            finally:
                await self.bob.xmpp.logout()
        finally:
            await self.alice.xmpp.logout()

    async def publish(self, member: Member, count: int) -> None:
        packages = [member.peer.key_package(member.jid) for _ in range(count)]
        request = kp_request("publish")
        for package in packages:
            ET.SubElement(request, f"{{{KP_NS}}}key-package").text = b64(package)
        published = await member.xmpp.iq("set", self.component, request)
        self.out.row(f"{member.name} -> {self.component}  {count} KeyPackages  {short(packages[0])}",
                     [f"{member.name} read: published, {published.get('available')} available"])

    async def fetch(self, member: Member, owner: str) -> bytes:
        result = await member.xmpp.iq("get", self.component, kp_request("fetch", jid=owner, cipher_suite="1"))
        packages = [unb64(e.text) for e in result.findall(f"{{{KP_NS}}}key-package")]
        if len(packages) != 1:
            raise DemoError(f"the directory served {len(packages)} KeyPackages of {owner}, not one")
        leaf = self.peer("inspect", message=packages[0].hex())["key_package"]["leaf_node"]
        until = datetime.datetime.fromtimestamp(leaf["lifetime"]["not_after"], datetime.timezone.utc)
        self.out.row(f"{self.component} -> {member.name}  KeyPackage  {short(packages[0])}",
                     [f"{member.name} read: KeyPackage of {leaf.get('name')}, valid until {until:%Y-%m-%d}"])
        return packages[0]

    async def directory(self) -> None:
        self.out.step(f"KeyPackage directory on {self.component} (urn:xmpp:mls:keypackages:0)")
        self.out.columns()
        await self.publish(self.bob, 3)
        await self.publish(self.alice, 2)
        self.bob_package = await self.fetch(self.alice, self.bob.jid)
        self.bot_package = await self.fetch(self.alice, self.bot_jid)

    async def group(self) -> None:
        alice, bob, room = self.alice, self.bob, self.room
        self.out.step(f"alice creates the group and adds bob and the echo bot in {room}")
        group = self.peer("create_group", client=alice.jid)["group_id"]
        self.out.say(f"  alice made MLS group {group[:16]}... at epoch 0 on her device; she enters the room")
        await alice.xmpp.join_room(room, alice.name)
        # The room follows the group to enforce its policy: the first commit carries the tree it is made in.
        tree = bytes.fromhex(self.peer("tree", client=alice.jid)["ratchet_tree"])
        add = self.peer("add", client=alice.jid, key_packages=[self.bob_package.hex(), self.bot_package.hex()],
                        merge=False)
        commit, welcome = bytes.fromhex(add["commit"]), bytes.fromhex(add["welcome"])
        self.out.columns()
        mid = alice.xmpp.send_message_with(
            room, [mls_element("mls", commit), mls_element("welcome", welcome), mls_element("ratchet-tree", tree)],
            mtype="groupchat")
        await alice.next(lambda s: is_reflection(s) and s.get("id") == mid, "her commit to come back")
        epoch = alice.process(commit)["epoch"]
        self.out.row(f"alice -> room  commit  {short(commit)}",
                     [f"alice read: her commit accepted, the group is at epoch {epoch}"])
        delivered = await bob.next(lambda s: s.get("type") != "error" and s.find(f"{{{MLS_NS}}}welcome") is not None,
                                   "the Welcome")
        received = unb64(delivered.find(f"{{{MLS_NS}}}welcome").text)
        joined = self.peer("join", client=bob.jid, welcome=received.hex())
        self.out.row(f"room -> bob  welcome  {short(received)}",
                     [f"bob read: the Welcome; he is in the group at epoch {joined['epoch']}"])
        await alice.occupant_online(room, BOT)
        self.out.row("room -> echo  the same welcome, inside mlsgate",
                     [f"alice read: {BOT} entered the room (the bot joined the group)"])
        await bob.xmpp.join_room(room, bob.name)
        self.out.say(f"  bob enters the room too: alice, bob and {BOT} are its occupants")

    async def say(self, sender: Member, text: str) -> None:
        """sender writes text; the other member reads it, and both read the bot's answer."""
        room = self.room
        other = self.bob if sender is self.alice else self.alice
        self.report.texts.append(text)
        sealed = self.peer("encrypt", client=sender.jid, data=envelope(text, sender.jid).hex())["message"]
        message = bytes.fromhex(sealed)
        mid = sender.xmpp.send_message_with(room, [mls_element("mls", message)], mtype="groupchat")
        await sender.next(lambda s: is_reflection(s) and s.get("id") == mid, "the message to come back")
        read = other.read_text(await other.reflection_from(room, sender.name), sender.jid)
        self.out.row(f"{sender.name} -> room  message  {short(message)}", [f"{other.name} read: {read}"])
        answers = []
        for member in (self.alice, self.bob):
            payload = await member.reflection_from(room, BOT)
            answers.append((payload, f"{member.name} read: {member.read_text(payload, self.bot_jid)}"))
        self.report.texts.append(f"echo: {text}")
        self.out.row(f"{BOT} -> room  message  {short(answers[0][0])}", [line for _, line in answers])

    async def race(self) -> None:
        """Two commits for one epoch: the first to reach mlsgate wins, the second is refused as stale."""
        alice, bob, room = self.alice, self.bob, self.room
        first = bytes.fromhex(self.peer("commit", client=alice.jid, merge=False)["commit"])
        second = bytes.fromhex(self.peer("commit", client=bob.jid, merge=False)["commit"])
        mid = alice.xmpp.send_message_with(room, [mls_element("mls", first)], mtype="groupchat")
        await alice.next(lambda s: is_reflection(s) and s.get("id") == mid, "her commit to come back")
        epoch = alice.process(first)["epoch"]
        bob_epoch = bob.process(await bob.reflection_from(room, alice.name))["epoch"]
        self.out.row(f"alice -> room  commit  {short(first)}",
                     [f"alice read: accepted, new keys at epoch {epoch}",
                      f"bob read: alice's commit, epoch {bob_epoch}"])
        mid = bob.xmpp.send_message_with(room, [mls_element("mls", second)], mtype="groupchat")
        refusal = await bob.next(lambda s: s.get("type") == "error" and s.get("id") == mid, "the refusal")
        stale = refusal.find(f"{{jabber:client}}error/{{{MLS_NS}}}stale-epoch")
        if stale is None:
            raise DemoError("bob's late commit was not refused as stale-epoch")
        self.out.row(f"bob -> room  commit  {short(second)}",
                     [f"bob read: refused, stale-epoch (the room is at epoch {stale.get('epoch')})"])


    async def policy(self) -> None:
        """alice, the room's owner, reserves adding and removing members to owners and admins; bob's commit
        removing the bot is then refused by mlsgate before anyone sees it."""
        alice, bob, room = self.alice, self.bob, self.room
        self.out.step(f"the room's policy: only owners and admins add and remove members in {room}")
        query = ET.Element(f"{{{OWNER_NS}}}query")
        form = ET.SubElement(query, f"{{{DATA_NS}}}x", {"type": "submit"})
        field = ET.SubElement(form, f"{{{DATA_NS}}}field", {"var": "urn:xmpp:mls:0#membership-changes"})
        ET.SubElement(field, f"{{{DATA_NS}}}value").text = "owners-and-admins"
        await alice.xmpp.iq("set", room, query)
        info = await bob.xmpp.iq("get", room, ET.Element(f"{{{DISCO_NS}}}query"))
        advertised = {f.get("var"): f.findtext(f"{{{DATA_NS}}}value") for f in info.find(f"{{{DATA_NS}}}x")}
        self.out.say(f"  alice (the room's owner) submits the room configuration form; the room's disco#info now says "
                     f"membership-changes={advertised.get('membership-changes')}")
        self.out.columns()
        removal = bytes.fromhex(self.peer("remove", client=bob.jid, name=self.bot_jid, merge=False)["commit"])
        mid = bob.xmpp.send_message_with(room, [mls_element("mls", removal)], mtype="groupchat")
        refusal = await bob.next(lambda s: s.get("type") == "error" and s.get("id") == mid, "the refusal")
        refused = refusal.find(f"{{jabber:client}}error/{{{MLS_NS}}}policy-violation")
        if refused is None:
            raise DemoError("bob's commit removing the bot was not refused as a policy violation")
        self.out.row(f"bob -> room  commit  {short(removal)}",
                     ["bob read: refused, policy-violation (only owners and admins may remove members)",
                      "alice read: nothing; the room is still at the same epoch"])


# -- metrics -------------------------------------------------------------------------------------------------

SAMPLE = re.compile(r"^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$")
LABEL = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text: str) -> list[tuple[str, dict[str, str], float]]:
    """The samples of a Prometheus text exposition: name, labels, value."""
    samples = []
    for line in text.splitlines():
        match = SAMPLE.match(line.strip())
        if not match or line.startswith("#"):
            continue
        name, labels, value = match.groups()
        samples.append((name, dict(LABEL.findall(labels or "")), float(value)))
    return samples


def scrape(url: str) -> list[tuple[str, dict[str, str], float]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            if response.status != 200:
                raise DemoError(f"the metrics endpoint {url} answered HTTP {response.status}")
            return parse_metrics(response.read().decode())
    except (urllib.error.URLError, OSError) as error:
        raise DemoError(f"the metrics endpoint {url} did not answer: {error}") from None


def figures(samples: list[tuple[str, dict[str, str], float]]) -> list[tuple[str, float, str]]:
    """The figures the demo prints: label, value, detail."""

    def total(name: str, **where: str) -> float:
        return sum(v for n, labels, v in samples if n == name and all(labels.get(k) == w for k, w in where.items()))

    def by(name: str, label: str, **where: str) -> str:
        parts: dict[str, float] = {}
        for n, labels, v in samples:
            if n == name and all(labels.get(k) == w for k, w in where.items()) and labels.get(label):
                parts[labels[label]] = parts.get(labels[label], 0) + v
        return ", ".join(f"{key} {value:g}" for key, value in sorted(parts.items()))

    latency = "mlsgate_sequencer_duration_seconds"
    count, seconds = total(f"{latency}_count"), total(f"{latency}_sum")
    bound = min((float(labels["le"]) for n, labels, v in samples
                 if n == f"{latency}_bucket" and labels.get("le") not in (None, "+Inf") and count and v >= count),
                default=None)
    latency_detail = f"messages sequenced, mean {seconds / count * 1000:.1f} ms" if count else "messages sequenced"
    if bound is not None:
        latency_detail += f", all within {bound * 1000:g} ms"
    return [
        ("stanzas received", total("mlsgate_stanzas_received_total"), by("mlsgate_stanzas_received_total", "kind")),
        ("stanzas sent", total("mlsgate_stanzas_sent_total"), by("mlsgate_stanzas_sent_total", "kind")),
        ("KeyPackages published", total("mlsgate_keypackages_published_total"), "through the publish IQ"),
        ("KeyPackages served", total("mlsgate_keypackages_served_total"), "each at most once"),
        ("KeyPackages in stock", total("mlsgate_keypackages_in_stock"), "unexpired, in the database"),
        ("commits accepted", total("mlsgate_commits_total", result="accepted"), "one per epoch"),
        ("commits rejected", total("mlsgate_commits_total", result="rejected"),
         by("mlsgate_commits_total", "reason", result="rejected")),
        ("rooms", total("mlsgate_rooms"), f"{total('mlsgate_rooms_active'):g} with occupants now"),
        ("occupants", total("mlsgate_occupants"), "in every room, now"),
        ("bots", total("mlsgate_bots"), "configured [[bots]]"),
        ("component reconnects", total("mlsgate_component_reconnects_total"), "to the XMPP server"),
        ("sequencer latency", count, latency_detail),
    ]


def show_metrics(gate: Gateway, transcript: Transcript, report: Report) -> None:
    url = gate.metrics_url()
    transcript.step(f"metrics: {url}")
    for label, value, detail in figures(scrape(url)):
        report.metrics[label] = value
        transcript.say(f"  {label:<24}{value:>8g}   {detail}".rstrip())


# -- what mlsgate kept ---------------------------------------------------------------------------------------


def check_nothing_readable(gate: Gateway, transcript: Transcript, report: Report) -> None:
    """Fails when a text of the conversation appears in mlsgate's database files or its log."""
    files = sorted(gate.workdir.glob("mlsgate.sqlite*")) + [gate.log_path]
    transcript.step("what mlsgate kept")
    for path in files:
        data = path.read_bytes()
        found = [text for text in report.texts if text.encode() in data]
        if found:
            raise DemoError(f"{path.name} holds the plaintext {found[0]!r}")
        transcript.say(f"  {path.name:<24}{len(data):>8} bytes   none of the {len(report.texts)} texts in it")


# -- entry points --------------------------------------------------------------------------------------------


def run_demo(binary: Path, server_dir: Path, workdir: Path, out: TextIO = sys.stdout,
             state_key: str | None = None) -> Report:
    """Runs the whole demo against the server whose ports.env is in server_dir; see the module's doc.

    - Returns: what was shown.
    - Raises: DemoError when a step fails, the metrics endpoint does not answer, or mlsgate does not exit 0
      on SIGTERM."""
    binary = Path(binary).resolve()
    if not binary.is_file():
        raise DemoError(f"no mlsgate binary at {binary}")
    server = parse_env_file(Path(server_dir) / "ports.env")
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    key = state_key or os.environ.get("MLSGATE_BOTS_STATE_KEY") or secrets.token_hex(32)
    transcript = Transcript(out)
    report = Report()
    gate = Gateway(binary, workdir, server, key)
    transcript.step(f"mlsgate run --config {gate.config}")
    transcript.say(f"  component {server['COMPONENT_DOMAIN']} on 127.0.0.1:{server['XMPP_COMPONENT_PORT']}, "
                   f"bot {BOT}@{server['COMPONENT_DOMAIN']}, metrics on 127.0.0.1:{gate.metrics_port}")
    gate.start()
    try:
        gate.wait_for_log(AUTHENTICATED)
        transcript.say(f"  {AUTHENTICATED} (pid {gate.proc.pid})")
        with MLSPeer() as peer:
            # slixmpp clients belong to the event loop they are made on: make them inside it.
            async def play() -> None:
                scenario = Scenario(server, peer, transcript, report)
                await scenario.run(lambda: show_metrics(gate, transcript, report))

            asyncio.run(asyncio.wait_for(play(), timeout=300))
        check_nothing_readable(gate, transcript, report)
    except BaseException as error:
        exited = gate.proc.poll()
        gate.terminate()
        if not isinstance(error, Exception):  # Ctrl-C: stop, say nothing more
            raise
        reason = str(error) if isinstance(error, DemoError) else f"{type(error).__name__}: {error}"
        if exited is not None:
            reason += f" (mlsgate had exited with status {exited})"
        raise DemoError(f"{reason}\n--- the end of mlsgate's log ({gate.log_path}):\n{gate.log_tail()}") from error
    transcript.step("SIGTERM to mlsgate")
    report.exit_status = gate.terminate()
    if report.exit_status != 0:
        raise DemoError(f"mlsgate exited with status {report.exit_status} after SIGTERM, not 0\n"
                        f"--- the end of mlsgate's log:\n{gate.log_tail()}")
    transcript.say("  mlsgate finished its work, closed the stream and exited with status 0")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A short encrypted conversation through MLSGate.")
    parser.add_argument("--binary", type=Path, required=True, help="the mlsgate executable to run")
    parser.add_argument("--server-dir", type=Path, required=True,
                        help="the directory of a running server from scripts/lib/prosody.sh (its ports.env)")
    parser.add_argument("--workdir", type=Path, required=True,
                        help="where the configuration, database and log of mlsgate go")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # slixmpp's own warnings would interleave with the columns
    try:
        run_demo(args.binary, args.server_dir, args.workdir)
    except DemoError as error:
        print(f"\ndemo failed: {error}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("\ndemo interrupted", file=sys.stderr, flush=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
