#!/usr/bin/env python3
"""The `mlsgate bench` scenario run in mls-rs (through mls_rs_uniffi, suite 1).

Prints `NAME<TAB>VALUE<TAB>UNIT<TAB>-` with the same names, units and repetition counts as
`mlsgate bench` (see Sources/MLSBench/GroupScenario.swift and RepetitionPlan.swift): a creator
adds N-1 members in one commit, members join from the Welcome, the creator sends empty commits
(mls-rs always gives them a path) that the first added member processes, then 100-byte
application messages go from the creator to that member. Each figure is the median of its runs.
mls-rs leaves its own commits pending until it processes them; that merge is not timed (as
MLSGate's mergePendingCommit is not). Progress goes to standard error.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import mls_rs_uniffi as mls

SUITE = mls.CipherSuite.CURVE25519_AES128
PAYLOAD_SIZE = 100
DEFAULT_SIZES = [10, 100, 1000, 10000]


class Plan:
    """Repetitions per figure, the same as MLSBench.RepetitionPlan."""

    def __init__(self, iterations: int | None):
        self.iterations = iterations

    def key_package(self) -> int:
        return self.iterations or 200

    def add_commit(self, n: int) -> int:
        return self.iterations or (50 if n <= 10 else 10 if n <= 100 else 3 if n <= 1000 else 1)

    def join(self, n: int) -> int:
        return min(n - 1, self.iterations or (20 if n <= 100 else 5 if n <= 1000 else 1))

    def path_commit(self, n: int) -> int:
        return self.iterations or (50 if n <= 100 else 10 if n <= 1000 else 3)

    def application(self) -> int:
        return self.iterations or 500


def log(text: str) -> None:
    print(f"bench_mlsrs: {text}", file=sys.stderr, flush=True)


def timed(call):
    start = time.perf_counter_ns()
    result = call()
    return result, (time.perf_counter_ns() - start) / 1e9


def new_client(name: str) -> mls.Client:
    return mls.Client(name.encode(), mls.generate_signature_keypair(SUITE), mls.client_config_default())


def emit(name: str, samples: list[float], unit: str) -> None:
    scale = 1e6 if unit == "us" else 1e3
    print(f"{name}\t{statistics.median(samples) * scale:.3f}\t{unit}\t-", flush=True)


def key_package_figure(plan: Plan) -> None:
    client = new_client("keypackages")
    samples = [timed(client.generate_key_package_message)[1] for _ in range(plan.key_package())]
    emit("keypackage_gen", samples, "us")


def group_figures(n: int, plan: Plan) -> None:
    added = n - 1
    log(f"n={n}: making {added} clients and KeyPackages")
    creator = new_client("creator")
    members = [new_client(f"member-{i}") for i in range(1, n)]
    packages = [member.generate_key_package_message() for member in members]

    log(f"n={n}: add commit")
    samples = []
    group = output = None
    for _ in range(plan.add_commit(n)):
        fresh = creator.create_group(None)
        out, seconds = timed(lambda: fresh.add_members(packages))
        samples.append(seconds)
        fresh.process_incoming_message(out.commit_message)
        group, output = fresh, out
    emit(f"add_{added}_members_commit", samples, "ms")

    log(f"n={n}: join")
    samples = []
    joined = None
    for index in range(plan.join(n)):
        info, seconds = timed(lambda: members[index].join_group(output.ratchet_tree, output.welcome_message))
        samples.append(seconds)
        if index == 0:
            joined = info.group
    emit(f"join_welcome_n{n}", samples, "ms")

    log(f"n={n}: path commits")
    create, process = [], []
    for _ in range(plan.path_commit(n)):
        out, seconds = timed(group.commit)
        create.append(seconds)
        group.process_incoming_message(out.commit_message)
        result, seconds = timed(lambda: joined.process_incoming_message(out.commit_message))
        process.append(seconds)
        if not result.is_commit():
            raise RuntimeError("the member did not process a commit")
    emit(f"commit_create_n{n}", create, "ms")
    emit(f"commit_process_n{n}", process, "ms")

    log(f"n={n}: application messages")
    payload = os.urandom(PAYLOAD_SIZE)
    messages, samples = [], []
    for _ in range(plan.application()):
        message, seconds = timed(lambda: group.encrypt_application_message(payload))
        samples.append(seconds)
        messages.append(message)
    emit(f"app_encrypt_n{n}", samples, "us")
    samples = []
    for message in messages:
        result, seconds = timed(lambda: joined.process_incoming_message(message))
        samples.append(seconds)
        if not result.is_application_message() or bytes(result.data) != payload:
            raise RuntimeError("the member did not decrypt the payload")
    emit(f"app_decrypt_n{n}", samples, "us")


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or any(size < 2 for size in sizes):
        raise argparse.ArgumentTypeError("sizes are comma-separated integers of at least 2")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=DEFAULT_SIZES)
    parser.add_argument("--iterations", type=int, default=None)
    args = parser.parse_args()
    plan = Plan(args.iterations)
    log("keypackage_gen")
    key_package_figure(plan)
    for n in args.sizes:
        group_figures(n, plan)


if __name__ == "__main__":
    main()
