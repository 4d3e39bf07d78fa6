"""End-to-end check of mlsrs_peer.py entirely in mls-rs: two peer processes, alice and bob."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "mlsrs_peer.py")


class PeerProcess:
    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, PEER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )

    def raw(self, request: dict) -> dict:
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"peer exited on {request}"
        return json.loads(line)

    def __call__(self, cmd: str, **fields) -> dict:
        reply = self.raw({"cmd": cmd, **fields})
        assert reply["ok"], f"{cmd} failed: {reply.get('error')}"
        return reply

    def close(self):
        if self.proc.poll() is None:
            try:
                assert self.raw({"cmd": "quit"}) == {"ok": True}
                self.proc.wait(timeout=10)
            finally:
                if self.proc.poll() is None:
                    self.proc.kill()
                    self.proc.wait()


@pytest.fixture
def peers():
    started = []

    def start() -> PeerProcess:
        peer = PeerProcess()
        started.append(peer)
        return peer

    yield start
    for peer in started:
        peer.close()


def test_full_scenario_between_two_peer_processes(peers):
    a, b = peers(), peers()
    a("create_client", name="alice")
    b("create_client", name="bob")

    kp = b("key_package", client="bob")
    assert kp["not_before"] <= time.time() + 60 < kp["not_after"]
    info = a("inspect", message=kp["key_package"])
    assert info["wire_format"] == "mls_key_package"
    leaf = info["key_package"]["leaf_node"]
    assert info["key_package"]["cipher_suite"] == 1
    assert leaf["identity"] == b"bob".hex() and leaf["credential_type"] == 1

    group = a("create_group", client="alice", group_id="6d6c7367617465")
    assert group == {"ok": True, "group_id": "6d6c7367617465", "epoch": 0}

    added = a("add", client="alice", key_packages=[kp["key_package"]])
    assert added["merged"] and added["epoch"] == 1
    assert added["welcome"] and added["ratchet_tree"] is None  # tree travels in the Welcome
    assert a("inspect", message=added["commit"])["content_type"] == "commit"

    joined = b("join", client="bob", welcome=added["welcome"])
    assert joined == {"ok": True, "group_id": "6d6c7367617465", "epoch": 1}

    members = [(m["leaf_index"], m["name"]) for m in a("members", client="alice")["members"]]
    assert members == [(0, "alice"), (1, "bob")]
    assert b("members", client="bob")["members"] == a("members", client="alice")["members"]

    for sender, receiver, name, text in ((a, b, "alice", b"hello bob"), (b, a, "bob", b"hi alice")):
        message = sender("encrypt", client=name, data=text.hex())["message"]
        other = "bob" if name == "alice" else "alice"
        assert receiver("process", client=other, message=message) == {
            "ok": True, "kind": "application", "data": text.hex()}

    update = a("commit", client="alice")
    assert update["welcome"] is None and update["epoch"] == 2
    seen = b("process", client="bob", message=update["commit"])
    assert seen["kind"] == "commit" and seen["epoch"] == 2 and seen["sender_leaf"] == 0
    alice_leaf = a("members", client="alice")["members"][0]
    assert alice_leaf["leaf_node_source"] == "commit"  # the empty commit carried a path

    export = dict(label="mlsgate interop", context="00ff", length=32)
    secret = a("export", client="alice", **export)["secret"]
    assert len(secret) == 64
    assert b("export", client="bob", **export)["secret"] == secret
    assert b("epoch", client="bob")["epoch"] == a("epoch", client="alice")["epoch"] == 2

    removal = a("remove", client="alice", leaf_index=1)
    assert removal["epoch"] == 3
    gone = b("process", client="bob", message=removal["commit"])
    assert gone["kind"] == "commit" and gone["removed"] is True
    assert b.raw({"cmd": "epoch", "client": "bob"})["ok"] is False
    assert [m["name"] for m in a("members", client="alice")["members"]] == ["alice"]
    assert a("export", client="alice", **export)["secret"] != secret


def test_separate_ratchet_tree_pending_commit_and_reload(peers):
    p = peers()
    p("create_client", name="alice", ratchet_tree_extension=False)
    p("create_client", name="bob")
    p("create_client", name="carol")
    gid = p("create_group", client="alice")["group_id"]

    kp = p("key_package", client="bob")["key_package"]
    added = p("add", client="alice", key_packages=[kp], merge=False)
    assert added["merged"] is False and added["ratchet_tree"]
    assert p("epoch", client="alice")["epoch"] == 0  # still pending
    assert p("process", client="alice", message=added["commit"])["epoch"] == 1  # merge

    no_tree = p.raw({"cmd": "join", "client": "bob", "welcome": added["welcome"]})
    assert no_tree["ok"] is False and "ratchet tree" in no_tree["error"]
    assert p("join", client="bob", welcome=added["welcome"],
             ratchet_tree=added["ratchet_tree"])["epoch"] == 1

    # Removal by identity, then a member added later joins at the right epoch.
    removal = p("remove", client="alice", identity=b"bob".hex())
    assert p("process", client="bob", message=removal["commit"])["removed"] is True
    added = p("add", client="alice", key_packages=[p("key_package", client="carol")["key_package"]])
    assert p("join", client="carol", welcome=added["welcome"],
             ratchet_tree=added["ratchet_tree"]) == {"ok": True, "group_id": gid, "epoch": 3}

    # Persistence: alice's client object is rebuilt from stored state only.
    secret = p("export", client="alice", label="x", context="", length=16)["secret"]
    assert p("reload", client="alice")["groups"] == [gid]
    assert p("export", client="alice", label="x", context="", length=16)["secret"] == secret
    message = p("encrypt", client="alice", data="6f6b")["message"]
    assert p("process", client="carol", message=message)["data"] == "6f6b"


def test_errors_are_replies(peers):
    p = peers()
    assert p.raw({"cmd": "nope", "id": 5}) == {
        "ok": False, "error": "PeerError: unknown cmd 'nope'", "id": 5}
    assert p.raw({"cmd": "key_package", "client": "nobody"})["ok"] is False
    p("create_client", name="alice")
    assert p.raw({"cmd": "process", "client": "alice", "message": "zz"})["ok"] is False
    assert p.raw({"cmd": "encrypt", "client": "alice", "data": "00"})["ok"] is False


def test_proposals_committed_by_another_member(peers):
    p = peers()
    for name in ("alice", "bob", "carol"):
        p("create_client", name=name)
    p("create_group", client="alice")
    added = p("add", client="alice", key_packages=[p("key_package", client="bob")["key_package"]])
    p("join", client="bob", welcome=added["welcome"])

    # bob proposes to add carol; alice receives the proposal and commits it.
    proposal = p("propose_add", client="bob", key_packages=[p("key_package", client="carol")["key_package"]])
    [message] = proposal["proposals"]
    assert p("inspect", message=message)["content_type"] == "proposal"
    assert p("process", client="alice", message=message)["kind"] == "proposal"
    commit = p("commit", client="alice")
    assert commit["welcome"] and commit["epoch"] == 2
    seen = p("process", client="bob", message=commit["commit"])
    assert seen["kind"] == "commit" and seen["epoch"] == 2 and seen["applied_proposals"] == 1
    assert p("join", client="carol", welcome=commit["welcome"])["epoch"] == 2

    # alice proposes to remove bob; carol commits it.
    [message] = p("propose_remove", client="alice", name="bob")["proposals"]
    for receiver in ("bob", "carol"):
        assert p("process", client=receiver, message=message)["kind"] == "proposal"
    commit = p("commit", client="carol")
    assert p("process", client="alice", message=commit["commit"])["epoch"] == 3
    assert p("process", client="bob", message=commit["commit"])["removed"] is True
    names = [m["name"] for m in p("members", client="carol")["members"]]
    assert names == ["alice", "carol"]
