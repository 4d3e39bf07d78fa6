"""Foreign MLS objects in a room that follows its group, through Prosody and ejabberd.

The corpus of KeyPackages as other MLS implementations make them (GREASE, unknown types, capabilities
without the group's suite, and objects RFC 9420 forbids) comes from the test suite itself: the
`foreign-corpus` tool writes, for one sender, the commits that add each of them to the sender's group,
each with the outcome RFC 9420 asks of a receiver. Sent as group messages through a real server, the
room must reflect exactly the accepted ones and refuse the others with `invalid-handshake`, changing
nothing: the epoch moves only with an accepted commit. The directory takes the same KeyPackages as
RFC 9420 §10.1 says, storing only the accepted ones. A SelfRemove, proposed by the leaver and
committed by a member who is no admin, passes an owners-and-admins policy that refuses a Remove.
"""

from __future__ import annotations

import base64
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from slixmpp.exceptions import IqError

from mlsgate_process import AUTHENTICATED, MLSGateProcess, mlsgate_binary
from test_delivery_service import bare, client, is_error, is_reflection, kp_element, mls_children, publish
from test_mlsgate import server  # noqa: F401 (fixture)
from test_rooms import config_submit, error_condition
from xmpp_client import run

MLS_NS = "urn:xmpp:mls:0"


def steps_of(*arguments: str) -> list[dict]:
    """The steps the `foreign-corpus` tool writes, each a group message with its expected outcome."""
    tool = Path(mlsgate_binary()).with_name("foreign-corpus")
    output = subprocess.run([str(tool), *arguments], check=True, capture_output=True, text=True, timeout=120).stdout
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def gate(server):
    with MLSGateProcess(server) as process:
        process.wait_for_log(AUTHENTICATED)
        yield process


async def play(steps: list[dict], room: str, senders: dict, before=None) -> None:
    """Sends each step as its sender and checks the room's answer and epoch; `before(index)` runs first."""
    owner = senders[steps[0]["sender"]]
    for index, step in enumerate(steps):
        if before:
            await before(index)
        sender = senders[step["sender"]]
        tree = base64.b64decode(step["ratchet_tree"]) if step.get("ratchet_tree") else None
        children = mls_children(base64.b64decode(step["mls"]), tree=tree)
        if step.get("group_info"):
            group_info = ET.Element(f"{{{MLS_NS}}}group-info")
            group_info.text = step["group_info"]
            children.append(group_info)
        mid = sender.send_message_with(room, children, mtype="groupchat", mid=f"step-{index}")
        answer = await sender.next_stanza(lambda s: s.get("id") == mid, timeout=30)
        if step["expect"] == "accepted":
            assert is_reflection(answer), (step["name"], ET.tostring(answer))
        else:
            assert is_error(answer), (step["name"], ET.tostring(answer))
            assert error_condition(answer, MLS_NS) == step["expect"], (step["name"], ET.tostring(answer))
        epoch = await owner.iq("get", room, ET.Element(f"{{{MLS_NS}}}epoch"))
        assert int(epoch.get("epoch")) == step["epoch_after"], (step["name"], ET.tostring(epoch))


@pytest.mark.parametrize("with_extension", [False, True], ids=["plain-group", "group-with-extension"])
def test_a_followed_room_takes_foreign_objects_as_rfc_9420_says(server, gate, with_extension):
    alice_jid = bare(server, "alice")
    room = f"foreign-{'ext' if with_extension else 'plain'}@{server.component_domain}"
    arguments = ["commits", "--sender", alice_jid, "--member", bare(server, "dave")]
    steps = steps_of(*arguments, *(["--with-group-extension"] if with_extension else []))
    assert {step["expect"] for step in steps} >= {"accepted", "invalid-handshake"}

    async def scenario():
        async with client(server, "alice") as alice:
            await alice.join_room(room, "alice")
            await play(steps, room, {alice_jid: alice})

    run(scenario(), timeout=180)


def test_leaving_by_self_remove_is_allowed_whatever_the_policy(server, gate):
    jids = {user: bare(server, user) for user in ("alice", "bob", "carol")}
    room = f"self-remove@{server.component_domain}"
    steps = steps_of("self-remove", "--owner", jids["alice"], "--leaver", jids["bob"], "--committer", jids["carol"])

    async def scenario():
        async with client(server, "alice") as alice, client(server, "bob") as bob, client(server, "carol") as carol:
            for who, nick in ((alice, "alice"), (bob, "bob"), (carol, "carol")):
                await who.join_room(room, nick)

            async def owners_and_admins(index: int) -> None:
                if index == 1:
                    await alice.iq("set", room, config_submit({"urn:xmpp:mls:0#membership-changes": "owners-and-admins"}))

            await play(steps, room, {jids["alice"]: alice, jids["bob"]: bob, jids["carol"]: carol},
                       before=owners_and_admins)

    run(scenario(), timeout=120)


def test_the_directory_takes_foreign_key_packages_as_rfc_9420_says(server, gate):
    bob_jid = bare(server, "bob")
    cases = steps_of("key-packages", bob_jid)
    assert {case["directory"].split(":")[0] for case in cases} == {"accepted", "refused"}

    async def scenario():
        async with client(server, "bob") as bob:
            stored = 0
            for case in cases:
                package = base64.b64decode(case["key_package"])
                if case["directory"] == "accepted":
                    published = await publish(bob, server, [package])
                    stored += 1
                    assert published.get("available") == str(stored), (case["name"], ET.tostring(published))
                else:
                    with pytest.raises(IqError) as refused:
                        await publish(bob, server, [package])
                    assert refused.value.iq["error"]["condition"] == "bad-request", case["name"]
                count = await bob.iq("get", server.component_domain, kp_element("count"))
                assert count.get("available") == str(stored), case["name"]

    run(scenario(), timeout=120)
