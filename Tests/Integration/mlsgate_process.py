"""Runs the real `mlsgate run --config PATH` binary against a test server.

    with MLSGateProcess(server) as gate:
        gate.wait_for_log("component authenticated")
        gate.terminate()        # SIGTERM, returns the exit status

The binary comes from MLSGATE_BINARY, by default .build/debug/mlsgate; these
tests build nothing (scripts/test builds first). The configuration file is
written from the server's ports.env; its standard error (the log) goes to a
file read by wait_for_log. With `piped_log=True` the log goes through a pipe
copied to that file, and the process keeps SIGXFSZ ignored (as Python has it),
so that a file size limit set on it (RLIMIT_FSIZE) fails its database writes
with EFBIG instead of killing it, and never its log.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from servers import REPO, XMPPServer

AUTHENTICATED = "component authenticated"


def mlsgate_binary() -> Path:
    path = Path(os.environ.get("MLSGATE_BINARY", REPO / ".build" / "debug" / "mlsgate"))
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist: build it with `swift build` or set MLSGATE_BINARY")
    return path


class MLSGateProcess:
    def __init__(self, server: XMPPServer, secret: str | None = None, domain: str | None = None,
                 level: str = "debug", config: Path | None = None, env: dict[str, str] | None = None,
                 piped_log: bool = False):
        self.server = server
        self.dir = Path(tempfile.mkdtemp(prefix="mlsgate-run-"))
        self.config = config or self.dir / "mlsgate.toml"
        self.log_path = self.dir / "mlsgate.log"
        self.extra_env = env or {}
        self.piped_log = piped_log
        if config is None:
            self._write_config(secret, domain, level)
        self.proc: subprocess.Popen | None = None

    def _write_config(self, secret: str | None, domain: str | None, level: str) -> None:
        server = self.server
        self.config.write_text(
            "[component]\n"
            f'domain = "{domain or server.component_domain}"\n'
            f'secret = "{secret if secret is not None else server.secret}"\n'
            'host = "127.0.0.1"\n'
            f"port = {server.component_port}\n"
            "[storage]\n"
            f'path = "{self.dir / "mlsgate.sqlite"}"\n'
            "[logging]\n"
            f'level = "{level}"\n'
        )

    def start(self) -> "MLSGateProcess":
        self._log_file = open(self.log_path, "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MLSGATE_COMPONENT_")}
        env.update(self.extra_env)
        self.proc = subprocess.Popen(
            [str(mlsgate_binary()), "run", "--config", str(self.config)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE if self.piped_log else self._log_file,
            stderr=subprocess.STDOUT, env=env, restore_signals=not self.piped_log,
        )
        if self.piped_log:
            self._copier = threading.Thread(target=self._copy_log, daemon=True)
            self._copier.start()
        return self

    def _copy_log(self) -> None:
        assert self.proc and self.proc.stdout
        while chunk := self.proc.stdout.read1(65536):
            self._log_file.write(chunk)
            self._log_file.flush()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def count(self, pattern: str) -> int:
        return len(re.findall(re.escape(pattern), self.log()))

    def wait_for_log(self, pattern: str, count: int = 1, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count(pattern) >= count:
                return
            if self.proc and self.proc.poll() is not None:
                break
            time.sleep(0.1)
        if self.count(pattern) >= count:
            return
        raise AssertionError(
            f"{pattern!r} seen {self.count(pattern)} times, wanted {count} "
            f"(exit status {self.proc.poll() if self.proc else None}); log:\n{self.log()}"
        )

    def wait(self, timeout: float = 30.0) -> int:
        assert self.proc
        return self.proc.wait(timeout=timeout)

    def terminate(self, timeout: float = 20.0) -> int:
        assert self.proc
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_copier", None):
            self._copier.join(timeout=10)
        if getattr(self, "_log_file", None):
            self._log_file.close()

    def __enter__(self) -> "MLSGateProcess":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
