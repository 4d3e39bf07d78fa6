"""A small slixmpp-based XMPP client for the integration tests.

The test servers listen on 127.0.0.1 without TLS (see scripts/lib/*.sh), so
the client connects in plaintext to an explicit host and port and allows
SASL over the unencrypted stream.  Everything is async; `run` drives one
coroutine on a fresh event loop for synchronous pytest code.

    async def scenario():
        async with TestClient("alice@localhost", "pw", port=...) as alice:
            await alice.join_room("room@muc.localhost", "alice")
            info = await alice.disco_info("mls.localhost")
    run(scenario())
"""

from __future__ import annotations

import asyncio
import logging
from typing import Optional

import slixmpp
from slixmpp import JID
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

log = logging.getLogger(__name__)


class LoginFailed(Exception):
    pass


class TestClient(slixmpp.ClientXMPP):
    __test__ = False  # not a pytest test class

    def __init__(self, jid: str, password: str, host: str = "127.0.0.1", port: int = 5222,
                 timeout: float = 15.0):
        super().__init__(jid, password)
        self._address = (host, port)
        self.op_timeout = timeout
        # Loopback test servers: plaintext stream, no STARTTLS, no direct TLS.
        self.enable_plaintext = True
        self.enable_starttls = False
        self.enable_direct_tls = False
        self.plugin["feature_mechanisms"].unencrypted_plain = True
        self.plugin["feature_mechanisms"].unencrypted_scram = True
        for plugin in ("xep_0030", "xep_0045", "xep_0199", "xep_0092"):
            self.register_plugin(plugin)
        self.inbox: asyncio.Queue = asyncio.Queue()
        self._login_future: Optional[asyncio.Future] = None
        self.add_event_handler("session_start", self._on_session_start)
        self.add_event_handler("failed_auth", self._on_failed_auth)
        self.add_event_handler("connection_failed", self._on_connection_failed)
        self.add_event_handler("message", self._on_message)
        self.add_event_handler("groupchat_message", self._on_message)
        # Every message stanza, including those without <body/> (MLS payloads, errors), as raw XML.
        self.stanzas: asyncio.Queue = asyncio.Queue()
        self.register_handler(Callback("AllMessages", MatchXPath("{jabber:client}message"),
                                       lambda msg: self.stanzas.put_nowait(msg.xml)))

    # -- lifecycle -----------------------------------------------------

    async def login(self) -> "TestClient":
        self._login_future = self.loop.create_future()
        self.connect(*self._address)
        try:
            await asyncio.wait_for(self._login_future, self.op_timeout)
        except asyncio.TimeoutError:
            self.abort()
            raise LoginFailed(f"{self.boundjid.bare}: no session within {self.op_timeout}s") from None
        return self

    async def logout(self) -> None:
        if not self.is_connected():
            return
        closed = self.loop.create_future()
        self.add_event_handler(
            "disconnected", lambda *_: closed.done() or closed.set_result(None), disposable=True
        )
        self.disconnect(wait=1.0)
        try:
            await asyncio.wait_for(closed, 5)
        except asyncio.TimeoutError:
            self.abort()

    async def __aenter__(self) -> "TestClient":
        return await self.login()

    async def __aexit__(self, *exc) -> None:
        await self.logout()

    async def _on_session_start(self, _event) -> None:
        self.send_presence()
        if self._login_future and not self._login_future.done():
            self._login_future.set_result(True)

    def _on_failed_auth(self, _event) -> None:
        if self._login_future and not self._login_future.done():
            self._login_future.set_exception(LoginFailed(f"{self.boundjid.bare}: authentication failed"))

    def _on_connection_failed(self, event) -> None:
        if self._login_future and not self._login_future.done():
            self._login_future.set_exception(LoginFailed(f"connection failed: {event}"))

    def _on_message(self, msg) -> None:
        self.inbox.put_nowait(msg)

    # -- helpers -------------------------------------------------------

    async def disco_info(self, jid: str, node: Optional[str] = None):
        """Returns the disco#info <query/> stanza plugin of jid (raises IqError/IqTimeout)."""
        iq = await self.plugin["xep_0030"].get_info(jid=JID(jid), node=node, timeout=self.op_timeout)
        return iq["disco_info"]

    async def ping(self, jid: str) -> float:
        return await self.plugin["xep_0199"].ping(jid=JID(jid), timeout=self.op_timeout)

    async def join_room(self, room: str, nick: str):
        """Joins a MUC room (creating it if needed); returns our own presence list."""
        return await self.plugin["xep_0045"].join_muc_wait(JID(room), nick, maxstanzas=0,
                                                    timeout=self.op_timeout)

    async def next_message(self, timeout: Optional[float] = None):
        return await asyncio.wait_for(self.inbox.get(), timeout or self.op_timeout)

    async def iq(self, itype: str, to: str, payload):
        """Sends an IQ with an ElementTree payload; returns the result's payload element or None.

        Raises slixmpp's IqError for an error reply."""
        iq = self.make_iq(ito=JID(to), itype=itype)
        iq.append(payload)
        result = await iq.send(timeout=self.op_timeout)
        children = list(result.xml)
        return children[0] if children else None

    def send_message_with(self, to: str, children, mtype: str = "normal", mid: Optional[str] = None) -> str:
        """Sends a message carrying ElementTree children (no body); returns its id."""
        msg = self.make_message(mto=JID(to), mtype=mtype)
        msg["id"] = mid or self.new_id()
        for child in children:
            msg.append(child)
        msg.send()
        return msg["id"]

    async def next_stanza(self, predicate=lambda _: True, timeout: Optional[float] = None):
        """Waits for the next received message stanza (raw XML) matching predicate, dropping others."""
        deadline = asyncio.get_running_loop().time() + (timeout or self.op_timeout)
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise asyncio.TimeoutError()
            stanza = await asyncio.wait_for(self.stanzas.get(), remaining)
            if predicate(stanza):
                return stanza


def run(coro, timeout: float = 60.0):
    """Runs coro on a new event loop, with an overall timeout."""
    return asyncio.run(asyncio.wait_for(coro, timeout))
