#!/usr/bin/env bash
# Rotor vs its peers (../shared/peers: spdlog, Python's logging, the raw write(2) limit), on this
# machine, in one run: RUNS rounds, each running every Rotor case next to the peer case it is
# compared with (the order of each pair flips every round), then a table of medians and ratios.
#
#   bash Benchmarks/compare.sh                      # RUNS=3 N=2000000 N_PY=300000
#   RUNS=5 N=1000000 bash Benchmarks/compare.sh
#
# Environment: RUNS (3), N records per case (2 000 000; the two-thread cases log N/2 per thread,
# as spdlog's does), N_PY (300 000, Python is slow), PEERS (../shared/peers), BUILD_DIR for the
# peer binaries and the raw results (/tmp/rotor-compare), SCRATCH for SwiftPM (Benchmarks/.build),
# GZIP_CASE=0 to skip the gzip case. Needs g++, gcc, python3 and (installed with apt-get if
# missing) libspdlog-dev and libfmt-dev. Every case writes under /tmp and removes its files.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/peers}"
RUNS="${RUNS:-3}"
N="${N:-2000000}"
N_PY="${N_PY:-300000}"
GZIP_CASE="${GZIP_CASE:-1}"
BUILD_DIR="${BUILD_DIR:-/tmp/rotor-compare}"
SCRATCH="${SCRATCH:-$HERE/.build}"
HALF=$((N / 2))

if ! dpkg -s libspdlog-dev libfmt-dev >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y libspdlog-dev libfmt-dev
fi
mkdir -p "$BUILD_DIR"
g++ -O2 -std=c++17 "$PEERS/spdlog_bench.cpp" -o "$BUILD_DIR/spdlog_bench" $(pkg-config --cflags --libs spdlog fmt)
gcc -O2 -o "$BUILD_DIR/limit_bench" "$PEERS/limit_bench.c"
gcc -O2 -o "$BUILD_DIR/rotation_floor" "$HERE/rotation_floor.c"
# rotor-bench is the Benchmarks package's (Benchmarks/Package.swift), which uses Rotor by path.
swift build -c release --package-path "$HERE" --scratch-path "$SCRATCH" --product rotor-bench >&2
BENCH="$(swift build -c release --package-path "$HERE" --scratch-path "$SCRATCH" --show-bin-path)/rotor-bench"

RESULTS="$BUILD_DIR/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
: > "$RESULTS"
{
  echo "machine: nproc=$(nproc), cpu '$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')'," \
    "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
  echo "/tmp: $(df -T /tmp | tail -1 | awk '{print $1, $2}'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "toolchain: $(swift --version 2>&1 | head -1); spdlog $(dpkg-query -W -f='${Version}' libspdlog-dev)," \
    "fmt $(dpkg-query -W -f='${Version}' libfmt-dev), $(python3 --version), $(gcc --version | head -1)"
  echo "settings: RUNS=$RUNS N=$N N_PY=$N_PY"
} | tee "$RESULTS.machine" >&2

# rotor CASE_NAME ROUND ARGS...: runs rotor-bench, appends its JSON line tagged with case and round.
rotor() {
  local name="$1" round="$2"; shift 2
  local line
  if ! line="$("$BENCH" "$@")"; then echo "rotor-bench $name failed: $line" >&2; fi
  python3 - "$line" "$name" "$round" "$*" >> "$RESULTS" <<'PY'
import json, sys
line, name, run, args = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
try:
    record = json.loads(line)
except ValueError:
    record = {"verified": False, "error": line}
record.update({"case": name, "run": run, "args": args})
print(json.dumps(record))
sys.stderr.write(f"  {name}: {record.get('records_per_second')} rec/s, verified: {record.get('verified')}\n")
PY
}

# peer CASE_NAME ROUND COMMAND...: runs a peer program (one output line), appends it parsed.
peer() {
  local name="$1" round="$2"; shift 2
  local line
  line="$("$@" | tail -1)"
  python3 - "$line" "$name" "$round" >> "$RESULTS" <<'PY'
import json, re, sys
line, name, run = sys.argv[1], sys.argv[2], int(sys.argv[3])
rate = re.search(r"([\d.]+) (?:msg|lines)/s", line)
mb = re.search(r"([\d.]+) MB/s", line)
bpl = re.search(r"bytes/line=([\d.]+)", line)
print(json.dumps({"case": name, "run": run, "records_per_second": float(rate.group(1)) if rate else None,
                  "mb_per_second": float(mb.group(1)) if mb else None,
                  "bytes_per_record": float(bpl.group(1)) if bpl else None,
                  "verified": "verify=OK" in line, "raw": line}))
PY
  echo "  $name: $line" >&2
}

# floor ROUND: rotation_floor.c, 40 rotations of 10 MiB files, in two modes. "swap" is what the
# writer's pause is now: the descriptor swap, with no system call (the timed section is two clock
# reads), then the name switch Rotor runs in the background (fstatat, linkat, renameat, close).
# "legacy" is the pause before Rotor moved the names to the background (link; rename; fstat; close),
# kept as an informative row.
floor() {
  local out
  out="$("$BUILD_DIR/rotation_floor" 40 - swap legacy)"
  python3 - "$out" "$1" >> "$RESULTS" <<'PY'
import json, re, sys
out, run = sys.argv[1], int(sys.argv[2])
for case, mode, total in [("rotation_floor", "swap", "= pause"), ("rotation_floor_background", "swap", "= background"),
                          ("rotation_floor_legacy", "legacy", "= pause")]:
    line = next((l for l in out.splitlines() if l.split()[:1] == [mode] and total in l), None)
    if line is None:
        continue
    p = {k: float(v) for k, v in re.findall(r"(p50|p99|max)=\s*([\d.]+)", line)}
    print(json.dumps({"case": case, "run": run, "verified": True, "raw": line.strip(), "rotation_pause_us": p}))
PY
  echo "$out" | sed 's/^/  rotation_floor: /' >&2
}

# pair ROUND ROTOR_FN PEER_FN: runs both, Rotor first in odd rounds, the peer first in even ones.
pair() {
  if (( $1 % 2 == 1 )); then "$2" "$1"; "$3" "$1"; else "$3" "$1"; "$2" "$1"; fi
}

# Write-through (the default: each record is in the kernel when the call returns), JSON.
rot_1t()      { rotor rotating_1t "$1" --sink rotating --formatter json --api direct --threads 1 --records "$N" --verify --pause-samples; }
rot_2t()      { rotor rotating_2t "$1" --sink rotating --formatter json --api direct --threads 2 --records "$HALF" --verify; }
# The same with the opt-in 64 KiB write buffer (FileSinkConfiguration.bufferCapacity): the mode that
# matches spdlog's sinks, which write through a stdio buffer and flush only at rotation and exit.
rot_1t_buf()  { rotor rotating_1t_buf64k "$1" --sink rotating --formatter json --api direct --threads 1 --records "$N" --buffer 65536 --verify; }
rot_2t_buf()  { rotor rotating_2t_buf64k "$1" --sink rotating --formatter json --api direct --threads 2 --records "$HALF" --buffer 65536 --verify; }
# The same three modes (write-through, buffered, async) with TextFormatter(): text lines are shorter.
rot_text()    { rotor rotating_text_1t "$1" --sink rotating --formatter text --api direct --threads 1 --records "$N" --verify; }
rot_text_buf() { rotor rotating_text_1t_buf64k "$1" --sink rotating --formatter text --api direct --threads 1 --records "$N" --buffer 65536 --verify; }
rot_text_async() { rotor async_text_block "$1" --sink async --async-policy block --formatter text --api direct --threads 1 --records "$N" --verify; }
# swift-log's Logger with RotorLogHandler, and with a handler that discards (the API's ceiling).
rot_swift()   { rotor swiftlog_rotating "$1" --sink rotating --formatter json --api swift-log --threads 1 --records "$N" --verify; }
rot_swift_buf() { rotor swiftlog_rotating_buf64k "$1" --sink rotating --formatter json --api swift-log --threads 1 --records "$N" --buffer 65536 --verify; }
rot_swift_text_buf() { rotor swiftlog_text_buf64k "$1" --sink rotating --formatter text --api swift-log --threads 1 --records "$N" --buffer 65536 --verify; }
rot_swift_async() { rotor swiftlog_async "$1" --sink async --formatter json --api swift-log --threads 1 --records "$N" --verify; }
rot_discard() { rotor swiftlog_discard "$1" --api discard --threads 1 --records "$N"; }
# The README's first example: per-level rotating files (RotorLoggingSystem.makePerLevelFiles, a
# LevelRouterSink) through swift-log; every record is info, so it lands in bench_info.log.
rot_swift_perlevel() { rotor swiftlog_perlevel "$1" --sink per-level --formatter json --api swift-log --threads 1 --records "$N" --verify; }
rot_swift_perlevel_buf() { rotor swiftlog_perlevel_buf64k "$1" --sink per-level --formatter json --api swift-log --threads 1 --records "$N" --buffer 65536 --verify; }
rot_async()   { rotor async_block "$1" --sink async --async-policy block --formatter json --api direct --threads 1 --records "$N" --verify; }
# The queue bound only matters when the queue fills: 64 KiB files make the writer thread rotate
# every ~340 records, slower than two producers, with the record bound lifted so that the 8 MiB
# byte bound is the one that binds; the same load on the synchronous sink is the reference.
rot_sat_async() { rotor async_saturated "$1" --sink async --async-policy block --threads 2 --records "$HALF" --max-size 65536 --capacity 1000000 --queue-bytes 8388608 --verify; }
rot_sat_sync()  { rotor rotating_saturated_sync "$1" --sink rotating --threads 2 --records "$HALF" --max-size 65536 --verify; }
rot_file()    { rotor file_1t "$1" --sink file --formatter json --api direct --threads 1 --records "$N" --verify; }
rot_gzip()    { rotor rotating_gzip_1t "$1" --sink rotating --gzip --formatter json --api direct --threads 1 --records "$N" --verify; }
spd_st()      { peer spdlog_rotating_st "$1" "$BUILD_DIR/spdlog_bench" "$N" b; }
spd_mt()      { peer spdlog_rotating_mt "$1" "$BUILD_DIR/spdlog_bench" "$N" c; }
spd_async()   { peer spdlog_async "$1" "$BUILD_DIR/spdlog_bench" "$N" d; }
spd_file()    { peer spdlog_basic_st "$1" "$BUILD_DIR/spdlog_bench" "$N" a; }
# The raw write(2) limit, 1 thread: one write(2) per line (what write-through is compared with),
# and 64 KiB batches.
lim_perline() { peer limit_perline "$1" "$BUILD_DIR/limit_bench" "$N" perline; }
lim_batch()   { peer limit_batch "$1" "$BUILD_DIR/limit_bench" "$N" batch; }
python_peer() { peer python_rotating "$1" python3 "$PEERS/python_bench.py" "$N_PY" 1; }

# Each pair is a comparison compare_report.py makes (a case in two pairs runs twice a round; the
# report takes the median of all its runs).
for round in $(seq 1 "$RUNS"); do
  echo "## round $round" >&2
  pair "$round" rot_1t lim_perline          # write-through, 1 thread, vs raw write(2) per line
  pair "$round" rot_2t lim_perline          # write-through, 2 threads, vs the same 1-thread limit
  pair "$round" rot_1t_buf spd_st
  pair "$round" rot_2t_buf spd_mt
  pair "$round" rot_swift_buf rot_discard
  pair "$round" rot_swift_async rot_discard
  pair "$round" rot_swift rot_discard
  pair "$round" rot_swift_perlevel_buf rot_discard
  pair "$round" rot_swift_perlevel rot_discard
  pair "$round" rot_text rot_1t             # text vs JSON, in each mode
  pair "$round" rot_text_buf rot_1t_buf
  pair "$round" rot_text_async rot_async
  pair "$round" rot_swift_text_buf rot_swift_buf
  pair "$round" rot_async spd_async
  pair "$round" rot_sat_async rot_sat_sync
  pair "$round" rot_file spd_file
  lim_batch "$round"
  floor "$round"
  if [[ "$GZIP_CASE" == 1 ]]; then rot_gzip "$round"; fi
  python_peer "$round"
done

# The files Rotor leaves behind must pass the same check by an outside reader: two threads on
# one rotating sink, gzip, 1 MiB files (many archives), read back by verify_output.py.
KEEP="$(mktemp -d /tmp/rotor-compare-keep.XXXXXX)"
"$BENCH" --sink rotating --gzip --threads 2 --records "$HALF" --max-size 1048576 --warmup 1000 \
  --dir "$KEEP/files" --keep-files --verify > "$KEEP/result.json"
OUTSIDE="$(python3 "$HERE/verify_output.py" "$KEEP/files" --threads 2 --records $((HALF + 1000)) || true)"
echo "$OUTSIDE" >&2
rm -rf "$KEEP"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS.machine"
python3 "$HERE/compare_report.py" "$RESULTS" --machine "$RESULTS.machine" --outside "$OUTSIDE"
echo "raw results: $RESULTS" >&2
