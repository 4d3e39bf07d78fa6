"""The mls-rs peer (Tests/MLSRsPeer/mlsrs_peer.py) as a subprocess, for the integration tests.

    with MLSPeer() as peer:
        peer("create_client", name="bob", identity=hex_of("bob@localhost"))
        kp = bytes.fromhex(peer("key_package", client="bob")["key_package"])

Byte strings cross the JSON-lines protocol as hex; the helpers here take and
give `bytes`.
"""

from __future__ import annotations

import json
import subprocess
import sys

from servers import REPO

PEER = REPO / "Tests" / "MLSRsPeer" / "mlsrs_peer.py"


def hex_of(text: str) -> str:
    return text.encode().hex()


class PeerError(AssertionError):
    pass


class MLSPeer:
    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, str(PEER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, bufsize=1,
        )

    def __call__(self, cmd: str, **fields) -> dict:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"cmd": cmd, **fields}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise PeerError(f"the mls-rs peer exited on {cmd}")
        reply = json.loads(line)
        if not reply.get("ok"):
            raise PeerError(f"{cmd} failed: {reply.get('error')}")
        return reply

    def client(self, jid: str) -> str:
        """Creates a client whose basic credential names the bare JID; returns its peer name."""
        self("create_client", name=jid, identity=hex_of(jid))
        return jid

    def key_package(self, client: str) -> bytes:
        return bytes.fromhex(self("key_package", client=client)["key_package"])

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> "MLSPeer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
