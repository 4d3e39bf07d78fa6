"""Starts and stops the throwaway XMPP servers of scripts/lib/{prosody,ejabberd}.sh from Python.

    with XMPPServer("prosody") as srv:
        srv.c2s_port, srv.component_port, srv.secret, srv.env["MUC_DOMAIN"]
        srv.restart()

Each server lives in its own directory made directly under /tmp (ejabberd
runs as the `ejabberd` user, which cannot enter pytest's tmp_path), removed
on exit unless KEEP_XMPP_DIRS=1 is set (handy to read the logs).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LIB = REPO / "scripts" / "lib"
KINDS = ("prosody", "ejabberd")


class ServerError(RuntimeError):
    pass


def parse_env_file(path: Path) -> dict[str, str]:
    env = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        parts = shlex.split(value)
        env[key] = parts[0] if len(parts) == 1 else " ".join(parts)
    return env


class XMPPServer:
    def __init__(self, kind: str, directory: str | None = None):
        if kind not in KINDS:
            raise ValueError(f"unknown server kind {kind!r}")
        self.kind = kind
        self._own_dir = directory is None
        self.dir = Path(directory or tempfile.mkdtemp(prefix=f"mlsgate-{kind}-", dir="/tmp"))
        self.env: dict[str, str] = {}

    def _call(self, func: str, timeout: float = 600) -> subprocess.CompletedProcess:
        script = f'source "$1/{self.kind}.sh" && {func}_{self.kind} "$2"'
        proc = subprocess.run(
            ["bash", "-c", script, "bash", str(LIB), str(self.dir)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if proc.returncode != 0:
            raise ServerError(
                f"{func}_{self.kind} {self.dir} failed ({proc.returncode}):\n"
                f"{proc.stdout}\n{proc.stderr}"
            )
        return proc

    def start(self) -> "XMPPServer":
        self._call("start")
        self.env = parse_env_file(self.dir / "ports.env")
        return self

    def stop(self) -> None:
        self._call("stop", timeout=120)

    def restart(self) -> None:
        self._call("restart")
        self.env = parse_env_file(self.dir / "ports.env")

    def cleanup(self) -> None:
        if self._own_dir and os.environ.get("KEEP_XMPP_DIRS") != "1":
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "XMPPServer":
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        finally:
            self.cleanup()

    # -- convenience ---------------------------------------------------

    @property
    def c2s_port(self) -> int:
        return int(self.env["XMPP_C2S_PORT"])

    @property
    def component_port(self) -> int:
        return int(self.env["XMPP_COMPONENT_PORT"])

    @property
    def domain(self) -> str:
        return self.env["XMPP_DOMAIN"]

    @property
    def muc_domain(self) -> str:
        return self.env["MUC_DOMAIN"]

    @property
    def component_domain(self) -> str:
        return self.env["COMPONENT_DOMAIN"]

    @property
    def secret(self) -> str:
        return self.env["COMPONENT_SECRET"]

    @property
    def users(self) -> list[str]:
        return self.env["XMPP_TEST_USERS"].split()

    @property
    def password(self) -> str:
        return self.env["XMPP_TEST_PASSWORD"]

    def log_tail(self, lines: int = 40) -> str:
        log = self.dir / ("prosody.log" if self.kind == "prosody" else "logs/ejabberd.log")
        try:
            return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            return f"(no log: {exc})"
