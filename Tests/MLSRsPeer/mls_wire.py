"""Minimal read-only decoder for the RFC 9420 wire structures the interop peer needs.

mls_rs_uniffi exposes no accessors for epochs, members or KeyPackage contents, so the peer
reads them from the serialized bytes: MLSMessage headers, KeyPackages, LeafNodes, the exported
ratchet tree, and the leading GroupContext of an mls-rs group-state snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIRE_FORMATS = {
    1: "mls_public_message",
    2: "mls_private_message",
    3: "mls_welcome",
    4: "mls_group_info",
    5: "mls_key_package",
}
CONTENT_TYPES = {1: "application", 2: "proposal", 3: "commit"}
SENDER_TYPES = {1: "member", 2: "external", 3: "new_member_proposal", 4: "new_member_commit"}
CREDENTIAL_TYPES = {1: "basic", 2: "x509"}
LEAF_NODE_SOURCES = {1: "key_package", 2: "update", 3: "commit"}


class DecodeError(ValueError):
    pass


class Reader:
    """Cursor over TLS-presentation-language bytes with RFC 9420 variable-length vectors."""

    def __init__(self, data: bytes):
        self.data = bytes(data)
        self.pos = 0

    def remaining(self) -> int:
        return len(self.data) - self.pos

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise DecodeError(f"need {n} bytes at offset {self.pos}, have {self.remaining()}")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def uint(self, size: int) -> int:
        return int.from_bytes(self.take(size), "big")

    def u8(self) -> int:
        return self.uint(1)

    def u16(self) -> int:
        return self.uint(2)

    def u32(self) -> int:
        return self.uint(4)

    def u64(self) -> int:
        return self.uint(8)

    def varint(self) -> int:
        first = self.u8()
        prefix = first >> 6
        if prefix == 3:
            raise DecodeError("invalid variable-length integer prefix")
        value = first & 0x3F
        for _ in range((1 << prefix) - 1):
            value = (value << 8) | self.u8()
        if prefix > 0 and value < (1 << (8 * (1 << (prefix - 1)) - 2)):
            raise DecodeError("variable-length integer not minimally encoded")
        return value

    def opaque(self) -> bytes:
        return self.take(self.varint())

    def vector(self, item) -> list:
        body = Reader(self.opaque())
        items = []
        while body.remaining():
            items.append(item(body))
        return items


@dataclass
class Capabilities:
    versions: list[int]
    cipher_suites: list[int]
    extensions: list[int]
    proposals: list[int]
    credentials: list[int]


@dataclass
class LeafNode:
    encryption_key: bytes
    signature_key: bytes
    credential_type: int
    identity: bytes | None
    capabilities: Capabilities
    source: int
    lifetime: tuple[int, int] | None
    parent_hash: bytes | None
    extensions: list[tuple[int, bytes]]
    signature: bytes


@dataclass
class KeyPackage:
    version: int
    cipher_suite: int
    init_key: bytes
    leaf_node: LeafNode
    extensions: list[tuple[int, bytes]]
    signature: bytes


@dataclass
class MessageHeader:
    version: int
    wire_format: int
    group_id: bytes | None = None
    epoch: int | None = None
    content_type: int | None = None
    sender_type: int | None = None
    sender_leaf: int | None = None
    key_package: KeyPackage | None = field(default=None, repr=False)


def _u16_list(r: Reader) -> list[int]:
    return r.vector(lambda b: b.u16())


def _extensions(r: Reader) -> list[tuple[int, bytes]]:
    return r.vector(lambda b: (b.u16(), b.opaque()))


def read_leaf_node(r: Reader) -> LeafNode:
    encryption_key = r.opaque()
    signature_key = r.opaque()
    credential_type = r.u16()
    identity = None
    if credential_type == 1:
        identity = r.opaque()
    elif credential_type == 2:
        r.vector(lambda b: b.opaque())
    else:
        raise DecodeError(f"unknown credential type {credential_type}")
    capabilities = Capabilities(_u16_list(r), _u16_list(r), _u16_list(r), _u16_list(r), _u16_list(r))
    source = r.u8()
    lifetime = parent_hash = None
    if source == 1:
        lifetime = (r.u64(), r.u64())
    elif source == 3:
        parent_hash = r.opaque()
    elif source != 2:
        raise DecodeError(f"unknown leaf node source {source}")
    extensions = _extensions(r)
    signature = r.opaque()
    return LeafNode(encryption_key, signature_key, credential_type, identity, capabilities,
                    source, lifetime, parent_hash, extensions, signature)


def read_key_package(r: Reader) -> KeyPackage:
    version = r.u16()
    cipher_suite = r.u16()
    init_key = r.opaque()
    leaf_node = read_leaf_node(r)
    extensions = _extensions(r)
    signature = r.opaque()
    return KeyPackage(version, cipher_suite, init_key, leaf_node, extensions, signature)


def read_message_header(data: bytes) -> MessageHeader:
    """Decodes the unprotected header fields of a serialized MLSMessage."""
    r = Reader(data)
    header = MessageHeader(version=r.u16(), wire_format=r.u16())
    if header.wire_format in (1, 2):
        header.group_id = r.opaque()
        header.epoch = r.u64()
        if header.wire_format == 1:
            header.sender_type = r.u8()
            if header.sender_type in (1, 2):
                header.sender_leaf = r.u32()
            r.opaque()  # authenticated_data
        header.content_type = r.u8()
    elif header.wire_format == 5:
        header.key_package = read_key_package(r)
    return header


def read_ratchet_tree(data: bytes) -> list[LeafNode | None]:
    """Decodes an exported ratchet tree and returns its leaves by leaf index (None = blank)."""

    def node(r: Reader):
        if r.u8() == 0:
            return None
        node_type = r.u8()
        if node_type == 1:
            return read_leaf_node(r)
        if node_type == 2:
            r.opaque()  # encryption_key
            r.opaque()  # parent_hash
            r.vector(lambda b: b.u32())  # unmerged_leaves
            return "parent"
        raise DecodeError(f"unknown node type {node_type}")

    r = Reader(data)
    nodes = r.vector(node)
    if r.remaining():
        raise DecodeError("trailing bytes after ratchet tree")
    return [nodes[i] for i in range(0, len(nodes), 2)]


def read_snapshot_epoch(snapshot: bytes, group_id: bytes) -> int:
    """Reads the epoch from an mls-rs group-state snapshot.

    mls-rs stores a snapshot as a u16 snapshot version followed by the GroupContext
    (version, cipher_suite, group_id, epoch, ...). The group id is checked so that a change
    of this internal layout fails loudly instead of yielding a wrong epoch.
    """
    r = Reader(snapshot)
    r.u16()  # snapshot format version
    if r.u16() != 1:
        raise DecodeError("snapshot does not start with a GroupContext of MLS 1.0")
    r.u16()  # cipher suite
    if r.opaque() != group_id:
        raise DecodeError("snapshot group id does not match")
    return r.u64()
