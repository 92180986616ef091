#!/usr/bin/env bash
# Times the `rotor` CLI and the rotating sink over a log with many small archives (issue 19):
# wall time, CPU time (user + system, steadier than wall time on a shared machine) and peak RSS of
# `verify`, `stats --quick`, `stats`, `stats --json`, `cat` and `prune --keep 10`, and of a sink
# (`rotor-stress`) that opens the log, writes 1 000 records of 200 bytes with 64 KiB rotation and
# closes, without retention ("sink open+rotate") and with `--keep 10` ("sink keep 10", the first
# retention pass removing all but 10), measured with `/usr/bin/time -v`.
#
# For each N, creates a fresh directory holding the active file `app.log` and N plain archives
# named in Rotor's own format (TimestampArchiveNaming: `app.<YYYY-MM-DDTHH-MM-SS.mmmZ>.<NNN>.log`,
# one rotation per second from 2026-01-01), each holding one JSON record (about 90 bytes).
# Every command reads the same directory; `prune` runs last since it deletes all but 10.
#
# Usage: Benchmarks/cli_many_archives.sh [N ...]        (default: 1000 10000 100000)
#   ROTOR=path/to/rotor   the binary to time (default: .build/release/rotor, built if missing)
#   STRESS=path/to/rotor-stress   the sink's driver (default: .build/release/rotor-stress, built if missing)
#   WORK=dir              where the directories are made (default: a temporary directory)
#   GZIP_EVERY=k          make every k-th archive a .gz instead (default 0: all plain)
#   OUT=file              also append the results as TSV lines to this file
#                         (archives, command, wall s, user+sys s, max RSS KB, exit status)
set -euo pipefail
cd "$(dirname "$0")/.."

rotor=${ROTOR:-.build/release/rotor}
if [ -z "${ROTOR:-}" ] && [ ! -x "$rotor" ]; then swift build -c release --product rotor >&2; fi
stress=${STRESS:-.build/release/rotor-stress}
if [ -z "${STRESS:-}" ] && [ ! -x "$stress" ]; then swift build -c release --product rotor-stress >&2; fi
work=${WORK:-$(mktemp -d)}
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000 100000)

make_archives() {  # make_archives DIR N
    python3 - "$1" "$2" "${GZIP_EVERY:-0}" <<'EOF'
import os, sys, datetime, gzip
directory, count, gzip_every = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(directory, exist_ok=True)
start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
for i in range(count):
    t = start + datetime.timedelta(seconds=i)
    stamp = t.strftime("%Y-%m-%dT%H-%M-%S") + ".000Z"
    record = '{"timestamp":"%s","level":"info","label":"bench","message":"record %d"}\n' % (
        t.strftime("%Y-%m-%dT%H:%M:%S") + ".000000Z", i)
    name = os.path.join(directory, "app.%s.001.log" % stamp)
    if gzip_every > 0 and i % gzip_every == 0:
        with open(name + ".gz", "wb") as f:
            f.write(gzip.compress(record.encode()))
    else:
        with open(name, "w") as f:
            f.write(record)
with open(os.path.join(directory, "app.log"), "w") as f:
    f.write('{"timestamp":"2027-01-01T00:00:00.000000Z","level":"info","label":"bench","message":"active"}\n')
EOF
}

measure() {  # measure N LABEL COMMAND...
    local n=$1 label=$2
    shift 2
    local report status
    report=$(mktemp)
    set +e
    /usr/bin/time -v -o "$report" "$@" >/dev/null 2>&1
    status=$?
    set -e
    local wall cpu rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$report")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$report")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$report")
    rm -f "$report"
    printf '%-8s %-16s %8.2f s %8.2f s %9d KB  (exit %d)\n' "$n" "$label" "$wall" "$cpu" "$rss" "$status"
    if [ -n "${OUT:-}" ]; then printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$wall" "$cpu" "$rss" "$status" >>"$OUT"; fi
}

printf '%-8s %-16s %10s %10s %12s\n' "archives" "command" "wall" "user+sys" "max RSS"
for n in "${counts[@]}"; do
    dir="$work/n$n"
    rm -rf "$dir"
    make_archives "$dir" "$n"
    measure "$n" "verify" "$rotor" verify "$dir/app.log"
    measure "$n" "stats --quick" "$rotor" stats --quick "$dir/app.log"
    measure "$n" "stats" "$rotor" stats "$dir/app.log"
    measure "$n" "stats --json" "$rotor" stats --json "$dir/app.log"
    measure "$n" "cat" "$rotor" cat "$dir/app.log"
    measure "$n" "prune --keep 10" "$rotor" prune --keep 10 "$dir/app.log"
    rm -rf "$dir"
    make_archives "$dir" "$n"
    measure "$n" "sink open+rotate" "$stress" --path "$dir/app.log" --records 1000 --pad 200 --max-size 65536
    rm -rf "$dir"
    make_archives "$dir" "$n"
    measure "$n" "sink keep 10" "$stress" --path "$dir/app.log" --records 1000 --pad 200 --max-size 65536 --keep 10
    rm -rf "$dir"
done
