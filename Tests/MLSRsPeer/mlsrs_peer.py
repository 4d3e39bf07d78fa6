#!/usr/bin/env python3
"""Line-oriented JSON peer that drives mls-rs (through mls_rs_uniffi) for interop tests.

Reads one JSON object per line on stdin and answers with exactly one JSON object per line on
stdout. Byte strings are lower-case hex. Every reply carries "ok"; failures carry "error".
A request's optional "id" is echoed in its reply. Logs go to stderr. See README.md beside this
file for the protocol.
"""

from __future__ import annotations

import json
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mls_rs_uniffi as mls  # noqa: E402

import mls_wire  # noqa: E402

CIPHER_SUITE = mls.CipherSuite.CURVE25519_AES128  # MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519


class PeerError(Exception):
    """A request that cannot be served; reported as {"ok": false, "error": ...}."""


class MemoryStorage(mls.GroupStateStorage):
    """GroupStateStorage kept in Python memory, so the peer can read what mls-rs persists."""

    def __init__(self):
        self.states: dict[bytes, bytes] = {}
        self.epochs: dict[bytes, dict[int, bytes]] = {}
        self.last_written: bytes | None = None

    def state(self, group_id):
        return self.states.get(bytes(group_id))

    def epoch(self, group_id, epoch_id):
        return self.epochs.get(bytes(group_id), {}).get(epoch_id)

    def write(self, group_id, group_state, epoch_inserts, epoch_updates):
        group_id = bytes(group_id)
        self.states[group_id] = bytes(group_state)
        records = self.epochs.setdefault(group_id, {})
        for record in list(epoch_inserts) + list(epoch_updates):
            records[record.id] = bytes(record.data)
        self.last_written = group_id

    def max_epoch_id(self, group_id):
        records = self.epochs.get(bytes(group_id))
        return max(records) if records else None


class PeerClient:
    """One mls-rs client with its signature key pair, storage and groups."""

    def __init__(self, name: str, identity: bytes, ratchet_tree_extension: bool):
        self.name = name
        self.identity = identity
        self.ratchet_tree_extension = ratchet_tree_extension
        self.keypair = mls.generate_signature_keypair(CIPHER_SUITE)
        self.storage = MemoryStorage()
        self.client = self._new_client()
        self.groups: dict[bytes, mls.Group] = {}
        self.removed: set[bytes] = set()
        self.current: bytes | None = None

    def _new_client(self) -> mls.Client:
        config = mls.ClientConfig(
            group_state_storage=self.storage,
            use_ratchet_tree_extension=self.ratchet_tree_extension,
        )
        return mls.Client(self.identity, self.keypair, config)

    def reload(self) -> list[bytes]:
        """Drops all in-memory state and reloads every stored group into a new Client."""
        self.client = self._new_client()
        self.groups = {gid: self.client.load_group(gid) for gid in self.storage.states}
        return list(self.groups)

    def adopt(self, group: mls.Group) -> bytes:
        """Registers a new Group object; its id is learnt from the storage write."""
        self.storage.last_written = None
        group.write_to_storage()
        group_id = self.storage.last_written
        if group_id is None:
            raise PeerError("mls-rs did not write the new group to storage")
        self.groups[group_id] = group
        self.current = group_id
        return group_id

    def group(self, group_id_hex: str | None) -> tuple[bytes, mls.Group]:
        group_id = unhex(group_id_hex, "group_id") if group_id_hex else self.current
        if group_id is None:
            raise PeerError(f"client {self.name!r} has no group")
        if group_id in self.removed:
            raise PeerError(f"client {self.name!r} was removed from group {group_id.hex()}")
        if group_id not in self.groups:
            raise PeerError(f"client {self.name!r} has no group {group_id.hex()}")
        return group_id, self.groups[group_id]

    def epoch(self, group_id: bytes) -> int:
        group = self.groups[group_id]
        group.write_to_storage()
        return mls_wire.read_snapshot_epoch(self.storage.states[group_id], group_id)


def unhex(value, name: str) -> bytes:
    if not isinstance(value, str):
        raise PeerError(f"{name} must be a hex string")
    try:
        return bytes.fromhex(value)
    except ValueError as error:
        raise PeerError(f"{name} is not valid hex: {error}") from None


def message_from_hex(value, name: str) -> mls.Message:
    return mls.Message.from_bytes(unhex(value, name))


def signing_identities_for(identities: list[bytes]) -> list[mls.SigningIdentity]:
    """SigningIdentity objects that select members by basic-credential identity.

    The bindings cannot build a SigningIdentity from bytes, and (propose_)remove_members looks
    members up by their basic-credential identity only, so the signing identity of a throwaway
    client with the same identity and a fresh signature key selects the member.
    """
    return [
        mls.Client(identity, mls.generate_signature_keypair(CIPHER_SUITE),
                   mls.client_config_default()).signing_identity()
        for identity in identities
    ]


def describe_leaf(index: int, leaf: mls_wire.LeafNode) -> dict:
    entry = {
        "leaf_index": index,
        "identity": leaf.identity.hex() if leaf.identity is not None else None,
        "credential_type": leaf.credential_type,
        "signature_key": leaf.signature_key.hex(),
        "leaf_node_source": mls_wire.LEAF_NODE_SOURCES.get(leaf.source, leaf.source),
    }
    if leaf.identity is not None:
        try:
            entry["name"] = leaf.identity.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return entry


def describe_key_package(kp: mls_wire.KeyPackage) -> dict:
    leaf = kp.leaf_node
    caps = leaf.capabilities
    return {
        "version": kp.version,
        "cipher_suite": kp.cipher_suite,
        "init_key": kp.init_key.hex(),
        "extensions": [t for t, _ in kp.extensions],
        "leaf_node": {
            **{k: v for k, v in describe_leaf(0, leaf).items() if k != "leaf_index"},
            "encryption_key": leaf.encryption_key.hex(),
            "lifetime": {"not_before": leaf.lifetime[0], "not_after": leaf.lifetime[1]}
            if leaf.lifetime else None,
            "capabilities": {
                "versions": caps.versions,
                "cipher_suites": caps.cipher_suites,
                "extensions": caps.extensions,
                "proposals": caps.proposals,
                "credentials": caps.credentials,
            },
            "extensions": [t for t, _ in leaf.extensions],
        },
    }


class Peer:
    def __init__(self):
        self.clients: dict[str, PeerClient] = {}
        self.running = True

    def client(self, request: dict) -> PeerClient:
        name = request.get("client")
        if name not in self.clients:
            raise PeerError(f"unknown client {name!r}")
        return self.clients[name]

    def handle(self, request: dict) -> dict:
        cmd = request.get("cmd")
        handler = getattr(self, "cmd_" + str(cmd), None)
        if handler is None:
            raise PeerError(f"unknown cmd {cmd!r}")
        return handler(request)

    # Clients and key packages

    def cmd_create_client(self, request):
        name = request.get("name")
        if not isinstance(name, str) or not name:
            raise PeerError("name must be a non-empty string")
        if name in self.clients:
            raise PeerError(f"client {name!r} exists")
        identity = unhex(request["identity"], "identity") if "identity" in request else name.encode()
        peer_client = PeerClient(name, identity, bool(request.get("ratchet_tree_extension", True)))
        self.clients[name] = peer_client
        return {
            "identity": identity.hex(),
            "signature_key": bytes(peer_client.keypair.public_key.bytes).hex(),
        }

    def cmd_key_package(self, request):
        client = self.client(request)
        data = client.client.generate_key_package_message().to_bytes()
        lifetime = mls_wire.read_message_header(data).key_package.leaf_node.lifetime
        return {"key_package": data.hex(), "not_before": lifetime[0], "not_after": lifetime[1]}

    def cmd_inspect(self, request):
        data = unhex(request.get("message"), "message")
        header = mls_wire.read_message_header(data)
        reply = {
            "version": header.version,
            "wire_format": mls_wire.WIRE_FORMATS.get(header.wire_format, header.wire_format),
        }
        if header.group_id is not None:
            reply["group_id"] = header.group_id.hex()
            reply["epoch"] = header.epoch
            reply["content_type"] = mls_wire.CONTENT_TYPES.get(header.content_type, header.content_type)
        if header.sender_type is not None:
            reply["sender_type"] = mls_wire.SENDER_TYPES.get(header.sender_type, header.sender_type)
            reply["sender_leaf"] = header.sender_leaf
        if header.key_package is not None:
            reply["key_package"] = describe_key_package(header.key_package)
        return reply

    # Groups

    def cmd_create_group(self, request):
        client = self.client(request)
        group_id = unhex(request["group_id"], "group_id") if request.get("group_id") else None
        group_id = client.adopt(client.client.create_group(group_id))
        return {"group_id": group_id.hex(), "epoch": client.epoch(group_id)}

    def cmd_join(self, request):
        client = self.client(request)
        tree = request.get("ratchet_tree")
        ratchet_tree = mls.RatchetTree(bytes=unhex(tree, "ratchet_tree")) if tree else None
        info = client.client.join_group(ratchet_tree, message_from_hex(request.get("welcome"), "welcome"))
        group_id = client.adopt(info.group)
        client.removed.discard(group_id)
        return {"group_id": group_id.hex(), "epoch": client.epoch(group_id)}

    def _finish_commit(self, client, group_id, group, output, request) -> dict:
        reply = {
            "commit": output.commit_message.to_bytes().hex(),
            "welcome": output.welcome_message.to_bytes().hex() if output.welcome_message else None,
            "ratchet_tree": bytes(output.ratchet_tree.bytes).hex() if output.ratchet_tree else None,
            "group_info": output.group_info.to_bytes().hex() if output.group_info else None,
            "merged": bool(request.get("merge", True)),
        }
        if reply["merged"]:
            # mls-rs keeps a new commit pending; processing one's own commit applies it.
            group.process_incoming_message(output.commit_message)
        reply["epoch"] = client.epoch(group_id)
        return reply

    def cmd_add(self, request):
        client = self.client(request)
        group_id, group = client.group(request.get("group_id"))
        key_packages = request.get("key_packages")
        if not isinstance(key_packages, list) or not key_packages:
            raise PeerError("key_packages must be a non-empty list of hex strings")
        messages = [message_from_hex(kp, "key_packages[]") for kp in key_packages]
        output = group.add_members(messages)
        return self._finish_commit(client, group_id, group, output, request)

    def cmd_commit(self, request):
        client = self.client(request)
        group_id, group = client.group(request.get("group_id"))
        output = group.commit()
        return self._finish_commit(client, group_id, group, output, request)

    def cmd_remove(self, request):
        client = self.client(request)
        group_id, group = client.group(request.get("group_id"))
        identities = self._identities_to_remove(group, request)
        output = group.remove_members(signing_identities_for(identities))
        return self._finish_commit(client, group_id, group, output, request)

    def cmd_propose_add(self, request):
        client = self.client(request)
        _, group = client.group(request.get("group_id"))
        key_packages = request.get("key_packages")
        if not isinstance(key_packages, list) or not key_packages:
            raise PeerError("key_packages must be a non-empty list of hex strings")
        proposals = group.propose_add_members([message_from_hex(kp, "key_packages[]") for kp in key_packages])
        return {"proposals": [proposal.to_bytes().hex() for proposal in proposals]}

    def cmd_propose_remove(self, request):
        client = self.client(request)
        _, group = client.group(request.get("group_id"))
        identities = self._identities_to_remove(group, request)
        proposals = group.propose_remove_members(signing_identities_for(identities))
        return {"proposals": [proposal.to_bytes().hex() for proposal in proposals]}

    def _identities_to_remove(self, group, request) -> list[bytes]:
        if "leaf_index" in request or "leaf_indices" in request:
            indices = request.get("leaf_indices", [request.get("leaf_index")])
            leaves = mls_wire.read_ratchet_tree(bytes(group.export_tree().bytes))
            identities = []
            for index in indices:
                if not isinstance(index, int) or not 0 <= index < len(leaves) or leaves[index] is None:
                    raise PeerError(f"no member at leaf index {index!r}")
                identities.append(leaves[index].identity)
            return identities
        if "identity" in request:
            return [unhex(request["identity"], "identity")]
        if "name" in request:
            return [str(request["name"]).encode()]
        raise PeerError("remove needs leaf_index, leaf_indices, identity (hex) or name")

    def cmd_process(self, request):
        client = self.client(request)
        data = unhex(request.get("message"), "message")
        header = mls_wire.read_message_header(data)
        group_hex = request.get("group_id") or (header.group_id.hex() if header.group_id else None)
        group_id, group = client.group(group_hex)
        result = group.process_incoming_message(mls.Message.from_bytes(data))
        reply: dict = {}
        if header.sender_leaf is not None:
            reply["sender_leaf"] = header.sender_leaf
        if result.is_application_message():
            reply.update(kind="application", data=bytes(result.data).hex())
        elif result.is_commit():
            reply["kind"] = "commit"
            if result.effect.is_removed():
                client.removed.add(group_id)
                reply.update(removed=True, epoch=header.epoch + 1)
            else:
                reply.update(removed=False, epoch=client.epoch(group_id))
                if result.effect.is_new_epoch():
                    reply["applied_proposals"] = len(result.effect.applied_proposals)
                elif result.effect.is_re_init():
                    reply["reinit"] = True
        elif result.is_received_proposal():
            reply["kind"] = "proposal"
        elif result.is_group_info():
            reply["kind"] = "group_info"
        elif result.is_welcome():
            reply["kind"] = "welcome"
        elif result.is_key_package():
            reply["kind"] = "key_package"
        else:
            reply["kind"] = "unknown"
        return reply

    def cmd_encrypt(self, request):
        client = self.client(request)
        _, group = client.group(request.get("group_id"))
        message = group.encrypt_application_message(unhex(request.get("data", ""), "data"))
        return {"message": message.to_bytes().hex()}

    def cmd_export(self, request):
        client = self.client(request)
        _, group = client.group(request.get("group_id"))
        if "label_hex" in request:
            label = unhex(request["label_hex"], "label_hex")
        else:
            label = str(request.get("label", "")).encode()
        context = unhex(request.get("context", ""), "context")
        length = request.get("length")
        if not isinstance(length, int) or length < 0:
            raise PeerError("length must be a non-negative integer")
        return {"secret": bytes(group.export_secret(label, context, length)).hex()}

    def cmd_epoch(self, request):
        client = self.client(request)
        group_id, _ = client.group(request.get("group_id"))
        return {"group_id": group_id.hex(), "epoch": client.epoch(group_id)}

    def cmd_members(self, request):
        client = self.client(request)
        _, group = client.group(request.get("group_id"))
        leaves = mls_wire.read_ratchet_tree(bytes(group.export_tree().bytes))
        return {"members": [describe_leaf(i, leaf) for i, leaf in enumerate(leaves) if leaf is not None]}

    def cmd_tree(self, request):
        client = self.client(request)
        _, group = client.group(request.get("group_id"))
        return {"ratchet_tree": bytes(group.export_tree().bytes).hex()}

    def cmd_groups(self, request):
        client = self.client(request)
        return {
            "groups": [gid.hex() for gid in client.groups if gid not in client.removed],
            "current": client.current.hex() if client.current else None,
        }

    def cmd_save(self, request):
        client = self.client(request)
        for group in client.groups.values():
            group.write_to_storage()
        return {"groups": [gid.hex() for gid in client.storage.states]}

    def cmd_reload(self, request):
        client = self.client(request)
        for group_id, group in client.groups.items():
            if group_id not in client.removed:
                group.write_to_storage()
        client.reload()
        return {"groups": [gid.hex() for gid in client.groups]}

    def cmd_quit(self, request):
        self.running = False
        return {}


def serve(infile, outfile) -> None:
    peer = Peer()
    for line in infile:
        line = line.strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise PeerError("request must be a JSON object")
            request_id = request.get("id")
            reply = {"ok": True, **peer.handle(request)}
        except (PeerError, KeyError, mls_wire.DecodeError, json.JSONDecodeError) as error:
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        except mls.Error as error:
            reply = {"ok": False, "error": f"mls-rs {type(error).__name__}: {error}"}
        except Exception as error:  # keep serving; the traceback goes to the log
            traceback.print_exc(file=sys.stderr)
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        if request_id is not None:
            reply["id"] = request_id
        outfile.write(json.dumps(reply, separators=(",", ":")) + "\n")
        outfile.flush()
        if not peer.running:
            break


def main() -> int:
    protocol_out = sys.stdout
    sys.stdout = sys.stderr  # nothing but replies may reach the protocol stream
    print("mlsrs_peer: ready", file=sys.stderr, flush=True)
    serve(sys.stdin, protocol_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
