#!/usr/bin/env python3
"""Turns the JSON lines written by compare.sh into Markdown tables: medians over the rounds,
Rotor / peer ratios per target, and the per-case details. Standard library only.

Usage: compare_report.py RESULTS.jsonl [--machine FILE] [--outside TEXT]
"""
import argparse
import json
import math
import statistics
from collections import defaultdict

QUEUE_SLACK_KIB = 2048  # the "small constant" allowed above the async queue's byte bound


def load(path):
    cases = defaultdict(list)
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                record = json.loads(line)
                cases[record["case"]].append(record)
    return cases


def median(cases, name, key):
    values = [r[key] for r in cases.get(name, []) if r.get(key) is not None]
    return statistics.median(values) if values else None


def pause(cases, name, key):
    values = [r["rotation_pause_us"][key] for r in cases.get(name, []) if r.get("rotation_pause_us")]
    if not values:
        return None
    return max(values) if key == "max" else round(statistics.median(values), 2)


def pooled_pauses(cases, name):
    samples = sorted(x for r in cases.get(name, []) for x in r.get("rotation_pause_samples_us", []))
    if not samples:
        return None
    def rank(q):  # nearest rank, as rotor-bench computes it
        return samples[max(0, min(len(samples) - 1, math.ceil(q * len(samples)) - 1))]
    return {"n": len(samples), "p50": rank(0.50), "p99": rank(0.99), "max": samples[-1]}


def rate(value):
    if value is None:
        return "n/a"
    return f"{value / 1e6:.2f} M/s" if value >= 1e6 else f"{value / 1e3:.0f} k/s"


def ratio(a, b):
    return a / b if a and b else None


def verdict(ok):
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def all_verified(cases, name):
    runs = cases.get(name, [])
    return bool(runs) and all(r.get("verified") for r in runs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--machine")
    parser.add_argument("--outside", default="")
    args = parser.parse_args()
    cases = load(args.results)
    runs = max((r["run"] for rs in cases.values() for r in rs), default=0)

    if args.machine:
        with open(args.machine) as f:
            for line in f:
                print(f"- {line.strip()}")
        print()

    rps = lambda name: median(cases, name, "records_per_second")
    print(f"### Targets (issue 17; medians of all runs over {runs} alternating rounds)\n")
    print("| Target | Rotor | Compared with | Ratio | Goal | Verdict |")
    print("|---|---|---|---|---|---|")

    # (label, Rotor case, reference case, minimum ratio); the goal is "ratio >= minimum".
    throughput_targets = [
        ("Rotating, JSON, **write-through** (the default), 1 thread vs raw `write(2)` per line, 1 thread",
         "rotating_1t", "limit_perline", 0.75),
        ("Same, **2 threads** on one sink vs raw `write(2)` per line, **1 thread**",
         "rotating_2t", "limit_perline", 1.0),
        ("Rotating, JSON, 64 KiB buffer, 1 thread vs spdlog `rotating_file_sink_st`",
         "rotating_1t_buf64k", "spdlog_rotating_st", 2.0),
        ("Same, 2 threads vs spdlog `rotating_file_sink_mt`", "rotating_2t_buf64k", "spdlog_rotating_mt", 2.0),
        ("swift-log `Logger` + `RotorLogHandler`, 64 KiB buffer vs `Logger` + discarding handler",
         "swiftlog_rotating_buf64k", "swiftlog_discard", 0.6),
        ("swift-log `Logger` + `RotorLogHandler` over the async sink vs discarding handler",
         "swiftlog_async", "swiftlog_discard", 0.6),
        ("swift-log `Logger` + per-level files (`makePerLevelFiles`, a `LevelRouterSink`), 64 KiB buffer vs "
         "discarding handler", "swiftlog_perlevel_buf64k", "swiftlog_discard", 0.6),
        ("Rotating, **text** vs **JSON**, 1 thread, write-through (text lines are shorter)",
         "rotating_text_1t", "rotating_1t", 1.0),
        ("Same, 64 KiB buffer", "rotating_text_1t_buf64k", "rotating_1t_buf64k", 1.0),
        ("Same, async sink (`block`)", "async_text_block", "async_block", 1.0),
        ("Same, swift-log `Logger`, 64 KiB buffer", "swiftlog_text_buf64k", "swiftlog_rotating_buf64k", 1.0),
        ("Async sink (`block`) end-to-end vs spdlog async logger, rotating (the earlier goal)",
         "async_block", "spdlog_async", 2.0),
    ]
    for label, rotor_case, peer_case, minimum_ratio in throughput_targets:
        r, p = rps(rotor_case), rps(peer_case)
        q = ratio(r, p)
        ok = None if q is None else q >= minimum_ratio
        print(f"| {label} | {rate(r)} | {rate(p)} | {q and f'{q:.2f}x'} | >= {minimum_ratio:g}x | {verdict(ok)} |")

    # The direct path allocates nothing per record (the counter's start-up share aside), nor does
    # the text formatter on the swift-log path beyond what swift-log's `Logger` itself allocates
    # (measured by the discarding handler's case).
    direct_cases = ["rotating_1t", "rotating_1t_buf64k", "rotating_text_1t", "rotating_text_1t_buf64k", "async_block",
                    "async_text_block"]
    measured = {name: median(cases, name, "allocations_per_record") for name in direct_cases}
    measured = {name: value for name, value in measured.items() if value is not None}
    if measured:
        worst = max(measured.values())
        listed = ", ".join(f"{name} {value:.3f}" for name, value in measured.items())
        print(f"| Allocations per record, direct API (JSON and text) | {listed} | | | < 0.01 | {verdict(worst < 0.01)} |")
    swift_text = median(cases, "swiftlog_text_buf64k", "allocations_per_record")
    swift_floor = median(cases, "swiftlog_discard", "allocations_per_record")
    if swift_text is not None and swift_floor is not None:
        extra = swift_text - swift_floor
        print(f"| Allocations per record, swift-log API, text, beyond the `Logger`'s own | swiftlog_text_buf64k "
              f"{swift_text:.3f} | swiftlog_discard {swift_floor:.3f} | {extra:+.3f} | < 0.01 | {verdict(extra < 0.01)} |")

    pooled = pooled_pauses(cases, "rotating_1t")
    if pooled:
        ok5 = pooled["p99"] < 20 and pooled["max"] < 1000
        floor = ""
        if cases.get("rotation_floor"):
            # rotation_floor.c's "swap" mode: the pause as Rotor's writer takes it now, the
            # descriptor swap with no system call (two clock reads: the floor of any timed pause).
            floor = (f"floor of that pause, the descriptor swap alone (rotation_floor.c `swap`, no system call): "
                     f"p50 {pause(cases, 'rotation_floor', 'p50')} µs, p99 {pause(cases, 'rotation_floor', 'p99')} µs, "
                     f"max {pause(cases, 'rotation_floor', 'max')} µs")
        print(f"| Rotation pause at 10 MiB files (1-thread rotating case, all {pooled['n']} rotations of all rounds) "
              f"| p50 {pooled['p50']} µs, p99 {pooled['p99']} µs, max {pooled['max']} µs | {floor} | "
              f"| p99 < 20 µs, max < 1 ms | {verdict(ok5)} |")

    for label, async_case, sync_case in [
        ("Peak RSS, async sink, default settings (the queue never fills: the writer outpaces one producer)",
         "async_block", "rotating_1t"),
        ("Peak RSS, async sink, **saturated** queue (2 producers, 64 KiB files, 8 MiB byte bound binding)",
         "async_saturated", "rotating_saturated_sync"),
    ]:
        rss_async, rss_sync = median(cases, async_case, "peak_rss_kb"), median(cases, sync_case, "peak_rss_kb")
        queue = median(cases, async_case, "queue_bytes")
        if rss_async and rss_sync and queue:
            delta = rss_async - rss_sync
            ok = delta <= queue / 1024 + QUEUE_SLACK_KIB
            print(f"| {label} | {rss_async / 1024:.1f} MiB | {rss_sync / 1024:.1f} MiB (same load, sync sink) "
                  f"| +{delta / 1024:.1f} MiB | <= queue bound {queue / 1048576:.0f} MiB + {QUEUE_SLACK_KIB // 1024} MiB "
                  f"| {verdict(ok)} |")

    unverified = sorted(name for name in cases if not all_verified(cases, name) and name != "swiftlog_discard")
    print(f"| Output verified in every case and run | {'all' if not unverified else 'not: ' + ', '.join(unverified)} "
          f"| | | all | {verdict(not unverified)} |")

    print("\n### Other comparisons (informational)\n")
    print("| Case | Rotor | Peer | Ratio |")
    print("|---|---|---|---|")
    for label, rotor, peer in [
        ("Rotating, JSON, write-through, 1 thread vs spdlog `rotating_file_sink_st` (buffered)",
         "rotating_1t", "spdlog_rotating_st"),
        ("Same, 2 threads vs spdlog `rotating_file_sink_mt`", "rotating_2t", "spdlog_rotating_mt"),
        ("swift-log `Logger` + `RotorLogHandler`, write-through vs discarding handler",
         "swiftlog_rotating", "swiftlog_discard"),
        ("swift-log `Logger` + per-level files (the README's first example), write-through vs discarding handler",
         "swiftlog_perlevel", "swiftlog_discard"),
        ("Plain file, JSON, 1 thread vs spdlog `basic_file_sink_st`", "file_1t", "spdlog_basic_st"),
        ("Rotating, **text**, write-through, 1 thread vs raw `write(2)` per line (limit)",
         "rotating_text_1t", "limit_perline"),
        ("Rotating, **text**, 64 KiB buffer vs raw `write(2)` 64 KiB batches (limit)",
         "rotating_text_1t_buf64k", "limit_batch"),
        ("Rotating, JSON, 64 KiB buffer vs raw `write(2)` 64 KiB batches (limit)", "rotating_1t_buf64k", "limit_batch"),
        ("Rotating, JSON, 1 thread vs Python `RotatingFileHandler`", "rotating_1t", "python_rotating"),
        ("Async (`block`) vs raw `write(2)` 64 KiB batches (limit)", "async_block", "limit_batch"),
        ("Rotating + gzip archives (close waits for compression) vs spdlog `rotating_file_sink_st`",
         "rotating_gzip_1t", "spdlog_rotating_st"),
        ("Async, saturated (2 threads, 64 KiB files) vs the sync sink under the same load",
         "async_saturated", "rotating_saturated_sync"),
    ]:
        a, b = rps(rotor), rps(peer)
        if a is None:  # the Rotor case was not run (GZIP_CASE=0)
            continue
        q = ratio(a, b)
        print(f"| {label} | {rate(a)} | {rate(b)} | {q and f'{q:.2f}x'} |")

    floor_rows = [
        ("The descriptor swap alone (`swap`): the floor of Rotor's pause", "rotation_floor",
         "yes: all Rotor's writer does at a rotation"),
        ("The name switch after it (`swap`: fstatat, linkat, renameat, close)", "rotation_floor_background",
         "no: Rotor's background job"),
        ("The old pause (`legacy`: link; rename; fstat; close)", "rotation_floor_legacy",
         "no longer: Rotor's pause before it moved the names to the background"),
    ]
    if any(cases.get(name) for _, name, _ in floor_rows):
        print("\n### The rotation's system calls (rotation_floor.c, 40 rotations of 10 MiB files; informational)\n")
        print("| What | p50 / p99 / max (µs, medians of the rounds; max of all) | In the writer's pause? |")
        print("|---|---|---|")
        for label, name, where in floor_rows:
            if cases.get(name):
                print(f"| {label} | {pause(cases, name, 'p50')} / {pause(cases, name, 'p99')} / "
                      f"{pause(cases, name, 'max')} | {where} |")

    print(f"\n### Per case (medians of all runs over {runs} rounds)\n")
    print("| Case | rec/s | MB/s | bytes/rec | allocs/rec | rotations | pause p50 / p99 / max µs (observer) | peak RSS MiB | verified |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in sorted(cases):
        rs = cases[name]
        p = "" if not any(r.get("rotation_pause_us") for r in rs) else \
            f"{pause(cases, name, 'p50')} / {pause(cases, name, 'p99')} / {pause(cases, name, 'max')}"
        alloc = median(cases, name, "allocations_per_record")
        rss = median(cases, name, "peak_rss_kb")
        mb = median(cases, name, "mb_per_second")
        bpr = median(cases, name, "bytes_per_record")
        rot = median(cases, name, "rotations")
        print(f"| {name} | {rate(rps(name))} | {'' if mb is None else f'{mb:.0f}'} | {'' if bpr is None else f'{bpr:.0f}'} "
              f"| {'' if alloc is None else f'{alloc:.2f}'} | {'' if rot is None else int(rot)} | {p} "
              f"| {'' if rss is None else f'{rss / 1024:.1f}'} | {'all' if all_verified(cases, name) else 'NO'} ({len(rs)} runs) |")
    if args.outside:
        print(f"\nOutside reader (Benchmarks/verify_output.py, 2 threads, gzip, 1 MiB files): `{args.outside}`")


if __name__ == "__main__":
    main()
