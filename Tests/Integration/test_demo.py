"""The demo's driver (scripts/demo.py) against a real Prosody and the mlsgate binary under test.

scripts/demo builds a release binary and runs this same driver; here it runs the binary from
MLSGATE_BINARY, and the checks read what a newcomer reads: the wire column holds base64 and never a
text of the conversation, each member read the other's texts and the bot's "echo: ..." answers, the
metrics show figures for what happened, and mlsgate exited 0 on SIGTERM.
"""

from __future__ import annotations

import io
import os
import re
import sys

import pytest

from mlsgate_process import mlsgate_binary
from servers import REPO, XMPPServer

sys.path.insert(0, str(REPO / "scripts"))
import demo  # noqa: E402

BASE64_CUT = re.compile(r"[A-Za-z0-9+/]{16}\.\.\.[A-Za-z0-9+/=]{6} \(\d+ B\)")

pytestmark = pytest.mark.skipif(
    "prosody" not in os.environ.get("MLSGATE_XMPP_SERVERS", "prosody ejabberd").split(),
    reason="the demo runs on Prosody",
)


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    out = io.StringIO()
    with XMPPServer("prosody") as server:
        report = demo.run_demo(mlsgate_binary(), server.dir, tmp_path_factory.mktemp("demo"), out=out,
                               state_key="3c" * 32)
    return out.getvalue(), report


def rows(output: str) -> list[tuple[str, list[str]]]:
    """The two-column rows: the wire text and the lines read next to it (continuation lines folded in)."""
    table: list[tuple[str, list[str]]] = []
    for line in output.splitlines():
        if " | " not in line or line.lstrip().startswith("---"):
            continue
        wire, read = (part.strip() for part in line.split(" | ", 1))
        if wire.startswith("on the wire"):
            continue
        if wire:
            table.append((wire, [read] if read else []))
        else:
            table[-1][1].append(read)
    return table


def figures(output: str) -> dict[str, float]:
    section = output.split("== metrics:", 1)[1].split("\n==", 1)[0]
    found = {}
    for line in section.splitlines()[1:]:
        match = re.match(r"^  (\S.*?)\s+(\d+(?:\.\d+)?)(?:\s{3}.*)?$", line)
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


def test_the_wire_carries_base64_and_never_a_text(shown):
    output, report = shown
    messages = [wire for wire, _ in rows(output) if "  message  " in wire or "  commit  " in wire]
    assert len(messages) == 10, output
    for wire in messages:
        assert BASE64_CUT.search(wire), wire
    assert len(report.texts) == 6
    for wire, _ in rows(output):
        for text in report.texts:
            assert text not in wire


def test_each_member_read_the_others_texts_and_the_bots_answers(shown):
    output, report = shown
    table = rows(output)
    said = [(wire.split()[0], reads) for wire, reads in table if "  message  " in wire]
    assert [who for who, _ in said] == ["alice", "echo", "bob", "echo", "bob", "echo"], output
    for (sender, reads), (bot, answers) in zip(said[::2], said[1::2]):
        other = "bob" if sender == "alice" else "alice"
        [line] = reads
        assert line.startswith(f"{other} read: ")
        text = line.removeprefix(f"{other} read: ")
        assert text in report.texts and not text.startswith("echo: ")
        assert answers == [f"alice read: echo: {text}", f"bob read: echo: {text}"]


def test_the_group_is_made_through_the_directory_and_one_commit_wins_per_epoch(shown):
    output, _ = shown
    reads = [line for _, lines in rows(output) for line in lines]
    assert "alice read: KeyPackage of bob@localhost" in "\n".join(reads)
    assert "alice read: KeyPackage of echo@mls.localhost" in "\n".join(reads)
    assert "bob read: the Welcome; he is in the group at epoch 1" in reads
    assert "alice read: echo entered the room (the bot joined the group)" in reads
    assert "bob read: refused, stale-epoch (the room is at epoch 2)" in reads
    # The room's policy, set by its owner, is enforced by mlsgate itself.
    assert "membership-changes=owners-and-admins" in output
    assert "bob read: refused, policy-violation (only owners and admins may remove members)" in reads


def test_the_metrics_count_what_happened(shown):
    output, report = shown
    printed = figures(output)
    assert printed == report.metrics
    assert printed["stanzas received"] > 0 and printed["stanzas sent"] > printed["stanzas received"]
    assert printed["KeyPackages published"] == 5  # bob's 3 and alice's 2 through the publish IQ
    assert printed["KeyPackages served"] == 2  # bob's and the bot's, to alice
    assert printed["KeyPackages in stock"] >= 4
    assert (printed["commits accepted"], printed["commits rejected"]) == (2, 2)
    assert (printed["rooms"], printed["occupants"], printed["bots"]) == (1, 3, 1)
    assert printed["component reconnects"] == 0
    assert printed["sequencer latency"] >= 9
    assert "stale-epoch 1" in output and "policy-violation 1" in output


def test_mlsgate_kept_no_text_and_stopped_cleanly(shown):
    output, report = shown
    kept = output.split("== what mlsgate kept", 1)[1].split("\n==", 1)[0]
    assert "mlsgate.sqlite" in kept and "mlsgate.log" in kept
    assert report.exit_status == 0
    assert output.rstrip().endswith("exited with status 0")


def test_a_silent_metrics_endpoint_fails_the_demo():
    with pytest.raises(demo.DemoError, match="did not answer"):
        demo.scrape(f"http://127.0.0.1:{demo.free_port()}/metrics")
