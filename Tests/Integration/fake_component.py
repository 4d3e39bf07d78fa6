#!/usr/bin/env python3
"""A minimal XEP-0114 external component, to check the test servers without MLSGate.

It opens a component stream over a raw socket, authenticates with the
<handshake/> of XEP-0114 (lowercase hex SHA-1 of stream id + secret), then
answers disco#info (XEP-0030) and ping (XEP-0199) IQs addressed to it and
refuses other IQ requests with <service-unavailable/>.

Use as a library (see test_servers.py) or from the command line:

    fake_component.py --port 5347 --domain mls.localhost --secret S [--reconnect]

Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import socket
import sys
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, Optional
from xml.sax.saxutils import escape, quoteattr

STREAM_NS = "http://etherx.jabber.org/streams"
COMPONENT_NS = "jabber:component:accept"
DISCO_INFO_NS = "http://jabber.org/protocol/disco#info"
PING_NS = "urn:xmpp:ping"
STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas"
STREAMS_ERR_NS = "urn:ietf:params:xml:ns:xmpp-streams"

IDENTITY = ("gateway", "mls", "Fake MLSGate")
FEATURES = (DISCO_INFO_NS, PING_NS)


class HandshakeRefused(Exception):
    """The server did not answer the handshake with an empty <handshake/>.

    `condition` is the stream error condition when the server sent a
    <stream:error/> (e.g. "not-authorized"), `raw` the bytes it sent after
    our handshake, up to the close of the stream or the socket.
    """

    def __init__(self, condition: Optional[str], text: Optional[str], raw: bytes):
        self.condition = condition
        self.text = text
        self.raw = raw
        super().__init__(f"handshake refused: condition={condition!r} text={text!r} raw={raw!r}")


def handshake_digest(stream_id: str, secret: str) -> str:
    """The XEP-0114 handshake value: lowercase hex SHA-1 of stream id + secret."""
    return hashlib.sha1((stream_id + secret).encode("utf-8")).hexdigest()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _stream_error(elem: ET.Element) -> tuple[Optional[str], Optional[str]]:
    condition = text = None
    for child in elem:
        if _local(child.tag) == "text":
            text = child.text
        elif _ns(child.tag) == STREAMS_ERR_NS:
            condition = _local(child.tag)
    return condition, text


@dataclass
class FakeComponent:
    host: str
    port: int
    domain: str
    secret: str
    timeout: float = 10.0
    # Every stanza received after the handshake, as parsed elements.
    received: list = field(default_factory=list)
    stream_id: Optional[str] = None
    # Raw bytes the server sent in answer to the handshake.
    handshake_reply: bytes = b""
    on_stanza: Optional[Callable[[ET.Element], None]] = None

    def __post_init__(self):
        self._sock: Optional[socket.socket] = None
        self._parser: Optional[ET.XMLPullParser] = None
        self._depth = 0
        self._thread: Optional[threading.Thread] = None
        self._send_lock = threading.Lock()
        self._stop = threading.Event()
        self.connected = threading.Event()
        self.disconnected = threading.Event()
        self.connections = 0  # successful handshakes so far
        self.last_error: Optional[BaseException] = None
        # How each served connection ended, oldest first: "stream-end" when
        # the server closed the stream with </stream:stream>, "eof" when
        # the socket closed without it, "stopped" after stop(), or the
        # exception's text.
        self.disconnects: list = []

    # -- connection and handshake -------------------------------------

    def connect(self) -> None:
        """Opens the stream and authenticates; raises HandshakeRefused or OSError."""
        sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        self._sock = sock
        self._parser = ET.XMLPullParser(events=("start", "end"))
        self._depth = 0
        self.stream_id = None
        self.handshake_reply = b""
        self._raw_send(
            "<?xml version='1.0'?>"
            f"<stream:stream xmlns='{COMPONENT_NS}' xmlns:stream='{STREAM_NS}' "
            f"to={quoteattr(self.domain)}>"
        )
        # Read until the server's stream header gives us the stream id.
        while self.stream_id is None:
            events = self._read_events()
            if events is None:
                raise HandshakeRefused(None, "connection closed before the stream header", b"")
            for kind, elem, depth in events:
                if kind == "start" and depth == 1:
                    self.stream_id = elem.get("id")
                    if self.stream_id is None:
                        raise HandshakeRefused(None, "no stream id in server header", b"")
                elif kind == "end" and depth == 1 and _local(elem.tag) == "error":
                    cond, text = _stream_error(elem)
                    raise HandshakeRefused(cond, text, b"")
        self._raw_send(f"<handshake>{handshake_digest(self.stream_id, self.secret)}</handshake>")
        # Expect an empty <handshake/>; anything else is a refusal.
        capture = bytearray()
        while True:
            events = self._read_events(capture)
            if events is None:
                raise HandshakeRefused(None, "connection closed", bytes(capture))
            for kind, elem, depth in events:
                if kind == "end" and depth == 1:
                    name = _local(elem.tag)
                    if name == "handshake" and not (elem.text or "").strip() and len(elem) == 0:
                        self.handshake_reply = bytes(capture)
                        self._sock.settimeout(None)
                        self.connections += 1
                        self.disconnected.clear()
                        self.connected.set()
                        return
                    if name == "error":
                        cond, text = _stream_error(elem)
                        self._drain(capture)
                        self.handshake_reply = bytes(capture)
                        raise HandshakeRefused(cond, text, bytes(capture))
                    self.handshake_reply = bytes(capture)
                    raise HandshakeRefused(None, f"unexpected <{name}/>", bytes(capture))
                if kind == "end" and depth == 0:
                    raise HandshakeRefused(None, "stream closed", bytes(capture))

    def _drain(self, capture: bytearray) -> None:
        """Reads what the server still sends (typically </stream:stream>) until it closes."""
        try:
            self._sock.settimeout(2.0)
            while True:
                data = self._sock.recv(4096)
                if not data:
                    return
                capture += data
                if b"</stream:stream>" in capture:
                    return
        except OSError:
            return

    def _read_events(self, capture: Optional[bytearray] = None):
        """Reads once from the socket; returns parse events with depth tracking, or None at EOF."""
        data = self._sock.recv(65536)
        if not data:
            return None
        if capture is not None:
            capture += data
        self._parser.feed(data)
        out = []
        for kind, elem in self._parser.read_events():
            # Depth after a start event is the element's own depth (1 for
            # the stream header); after an end event it is its parent's
            # (1 for a finished stanza's stream, 0 for the stream end).
            self._depth += 1 if kind == "start" else -1
            out.append((kind, elem, self._depth))
        return out

    # -- serving -----------------------------------------------------

    def start(self, reconnect: bool = False, retry_delay: float = 0.5) -> "FakeComponent":
        """Connects (raising on failure) and serves in a background thread.

        With reconnect=True, a lost connection is re-established (handshake
        included) until stop() is called.
        """
        self.connect()
        self._thread = threading.Thread(
            target=self._serve_loop, args=(reconnect, retry_delay), daemon=True
        )
        self._thread.start()
        return self

    def _serve_loop(self, reconnect: bool, retry_delay: float) -> None:
        while not self._stop.is_set():
            try:
                how = self._serve_connection()
            except (OSError, ET.ParseError) as exc:
                self.last_error = exc
                how = "stopped" if self._stop.is_set() else f"error: {exc}"
            self.disconnects.append(how)
            self.connected.clear()
            self.disconnected.set()
            self._close_socket()
            if not reconnect:
                return
            while not self._stop.is_set():
                time.sleep(retry_delay)
                try:
                    self.connect()
                    break
                except (OSError, HandshakeRefused) as exc:
                    self.last_error = exc
                    self._close_socket()

    def _serve_connection(self) -> str:
        root = None
        while not self._stop.is_set():
            events = self._read_events()
            if events is None:
                return "eof"
            for kind, elem, depth in events:
                if kind == "start" and depth == 1:
                    root = elem
                if kind != "end":
                    continue
                if depth == 0:  # </stream:stream>
                    return "stream-end"
                if depth == 1:
                    self._handle(elem)
                    if root is not None:
                        root.clear()  # keep memory flat on long runs
        return "stopped"

    def _handle(self, elem: ET.Element) -> None:
        self.received.append(elem)
        if self.on_stanza is not None:
            self.on_stanza(elem)
        name = _local(elem.tag)
        if name == "error":
            return  # stream error; the stream end follows
        if name != "iq":
            return
        typ = elem.get("type")
        if typ not in ("get", "set"):
            return
        payload = elem[0] if len(elem) else None
        if typ == "get" and payload is not None and payload.tag == f"{{{DISCO_INFO_NS}}}query":
            node = payload.get("node")
            node_attr = f" node={quoteattr(node)}" if node else ""
            cat, kind, label = IDENTITY
            body = (
                f"<query xmlns='{DISCO_INFO_NS}'{node_attr}>"
                f"<identity category={quoteattr(cat)} type={quoteattr(kind)} name={quoteattr(label)}/>"
                + "".join(f"<feature var={quoteattr(v)}/>" for v in FEATURES)
                + "</query>"
            )
            self.send_iq_reply(elem, body)
        elif typ == "get" and payload is not None and payload.tag == f"{{{PING_NS}}}ping":
            self.send_iq_reply(elem, "")
        else:
            self.send_iq_error(elem, "cancel", "service-unavailable")

    # -- sending -----------------------------------------------------

    def _raw_send(self, text: str) -> None:
        with self._send_lock:
            self._sock.sendall(text.encode("utf-8"))

    def send(self, xml: str) -> None:
        self._raw_send(xml)

    def send_iq_reply(self, iq: ET.Element, body: str) -> None:
        self._raw_send(
            f"<iq type='result' id={quoteattr(iq.get('id', ''))} "
            f"from={quoteattr(iq.get('to', self.domain))} to={quoteattr(iq.get('from', ''))}>"
            f"{body}</iq>"
        )

    def send_iq_error(self, iq: ET.Element, typ: str, condition: str) -> None:
        self._raw_send(
            f"<iq type='error' id={quoteattr(iq.get('id', ''))} "
            f"from={quoteattr(iq.get('to', self.domain))} to={quoteattr(iq.get('from', ''))}>"
            f"<error type={quoteattr(typ)}><{condition} xmlns='{STANZAS_NS}'/></error></iq>"
        )

    def send_message(self, to: str, body: str, frm: Optional[str] = None) -> None:
        self._raw_send(
            f"<message type='chat' from={quoteattr(frm or self.domain)} to={quoteattr(to)}>"
            f"<body>{escape(body)}</body></message>"
        )

    # -- shutdown ----------------------------------------------------

    def _close_socket(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass

    def stop(self) -> None:
        self._stop.set()
        sock = self._sock  # the serving thread may drop it at any moment
        if sock is not None:
            try:
                with self._send_lock:
                    sock.sendall(b"</stream:stream>")
            except OSError:
                pass
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._close_socket()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--domain", default="mls.localhost")
    ap.add_argument("--secret", required=True)
    ap.add_argument("--reconnect", action="store_true", help="reconnect when the stream is lost")
    ap.add_argument("--once", action="store_true", help="handshake, print the result, and exit")
    args = ap.parse_args(argv)
    comp = FakeComponent(args.host, args.port, args.domain, args.secret)
    try:
        if args.once:
            comp.connect()
            print(f"handshake ok (stream id {comp.stream_id}): {comp.handshake_reply!r}")
            comp.stop()
            return 0
        comp.on_stanza = lambda e: print(ET.tostring(e, encoding="unicode"), flush=True)
        comp.start(reconnect=args.reconnect)
        print(f"connected as {args.domain} (stream id {comp.stream_id})", flush=True)
        while True:
            if not args.reconnect and comp.disconnected.wait(1):
                print(f"disconnected: {comp.last_error}", flush=True)
                return 1
            time.sleep(1)
    except HandshakeRefused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        comp.stop()
        return 0


if __name__ == "__main__":
    sys.exit(main())
