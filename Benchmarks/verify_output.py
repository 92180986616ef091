#!/usr/bin/env python3
"""Outside reader for the files rotor-bench leaves behind (run it with --keep-files).

Reads the archives of bench.log in name order (Rotor's timestamp names sort chronologically),
decompressing .gz ones with Python's gzip module, then the active file, and checks that every
line parses (JSON lines, or the text formatter's key=value pairs), and that each thread's
user_id values appear exactly once and in order, 0..records-1 (records per thread, warm-up
included). Uses nothing of Rotor.

Usage: verify_output.py DIR --threads T --records R [--base bench.log]
Exit status 0 when the files pass, 1 otherwise.
"""
import argparse
import gzip
import json
import os
import re
import sys

TEXT_FIELD = re.compile(rb"(?:^| )(thread|user_id)=(\d+)")


def archive_pattern(base):
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        stem, ext = base, ""
    else:
        ext = "." + ext
    return re.compile(re.escape(stem) + r"\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.\d{3}"
                      + re.escape(ext) + r"(\.gz)?$")


def fields_of(line):
    """(thread, user_id) of one line, or None."""
    if line.startswith(b"{"):
        try:
            record = json.loads(line)
        except ValueError:
            return None
        fields = record.get("metadata", record)
        try:
            return int(fields["thread"]), int(fields["user_id"])
        except (KeyError, TypeError, ValueError):
            return None
    found = dict((k, int(v)) for k, v in TEXT_FIELD.findall(line))
    if b"thread" in found and b"user_id" in found:
        return found[b"thread"], found[b"user_id"]
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--records", type=int, required=True, help="records per thread, warm-up included")
    parser.add_argument("--base", default="bench.log")
    args = parser.parse_args()

    pattern = archive_pattern(args.base)
    names = sorted(os.listdir(args.dir))
    archives = [n for n in names if pattern.match(n)]
    unexpected = [n for n in names if n != args.base and not n.startswith(".") and n not in archives]
    ids = [n[:-3] if n.endswith(".gz") else n for n in archives]
    twice = sorted(set(i for i in ids if ids.count(i) > 1))
    files = archives + ([args.base] if args.base in names else [])

    expected = [0] * args.threads
    lines = bad = disorder = torn = 0
    for name in files:
        path = os.path.join(args.dir, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as f:
            data = f.read()
        if data and not data.endswith(b"\n"):
            torn += 1
        for line in data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n"):
            lines += 1
            parsed = fields_of(line)
            if parsed is None or not 0 <= parsed[0] < args.threads:
                bad += 1
                continue
            thread, seq = parsed
            if seq != expected[thread]:
                disorder += 1
                expected[thread] = max(expected[thread], seq + 1)
            else:
                expected[thread] += 1
    total = args.threads * args.records
    ok = (not unexpected and not twice and args.base in names and bad == 0 and disorder == 0
          and torn == 0 and lines == total and all(e == args.records for e in expected))
    print(f"outside reader: files={len(files)} (gz={sum(n.endswith('.gz') for n in files)}) lines={lines} "
          f"expected={total} bad={bad} out_of_order_or_missing={disorder} torn={torn} "
          f"unexpected={unexpected} twice={twice} verify={'OK' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
