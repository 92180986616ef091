#!/usr/bin/env bash
# Rotor's SyslogSink against a small C peer (Benchmarks/syslog_peer.c) that sends the same RFC 5424
# messages to the same socket of a real rsyslogd on loopback, side by side: for each transport
# (Unix datagram socket, TCP, UDP) and each of RUNS rounds, `rotor-bench --sink syslog` runs Rotor's
# case and then the peer's, and prints one JSON line with both rates and their ratio. A table of
# medians follows. rsyslogd (apt-get install rsyslog) runs with a private configuration, socket,
# ports and work directory under a temporary directory, writing each message's raw text to a file
# that is counted after each case (what was sent must have arrived, for UDP what the kernel did
# not drop); it is stopped at the end.
#
#   bash Benchmarks/syslog_bench.sh                  # RUNS=3 N=500000
#   RUNS=5 N=1000000 TRANSPORTS="tcp unix" bash Benchmarks/syslog_bench.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RUNS="${RUNS:-3}"
N="${N:-500000}"
TRANSPORTS="${TRANSPORTS:-unix tcp udp}"
SCRATCH="${SCRATCH:-$HERE/.build}"
RSYSLOGD="$(command -v rsyslogd || echo /usr/sbin/rsyslogd)"
[ -x "$RSYSLOGD" ] || { echo "needs rsyslogd (apt-get install rsyslog)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/rotor-syslog-bench.XXXXXX)"
cleanup() { [ -f "$WORK/pid" ] && kill "$(cat "$WORK/pid")" 2>/dev/null || true; sleep 0.5; rm -rf "$WORK"; }
trap cleanup EXIT
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$WORK/rsyslog.conf" <<EOF
global(workDirectory="$WORK" maxMessageSize="64k")
module(load="imuxsock" SysSock.Use="off")
module(load="imtcp")
module(load="imudp")
input(type="imuxsock" Socket="$WORK/log.sock" RateLimit.Interval="0")
input(type="imtcp" address="127.0.0.1" port="$PORT")
input(type="imudp" address="127.0.0.1" port="$PORT" rcvbufSize="16m")
template(name="raw" type="string" string="%rawmsg%\n")
action(type="omfile" file="$WORK/received.log" template="raw" asyncWriting="on" ioBufferSize="1m")
EOF
"$RSYSLOGD" -n -f "$WORK/rsyslog.conf" -i "$WORK/pid" 2>/dev/null &
for _ in $(seq 100); do [ -S "$WORK/log.sock" ] && break; sleep 0.1; done

gcc -O2 -o "$WORK/syslog_peer" "$HERE/syslog_peer.c"
# rotor-bench is the Benchmarks package's (Benchmarks/Package.swift), which uses Rotor by path.
swift build -c release --package-path "$HERE" --scratch-path "$SCRATCH" --product rotor-bench >&2
BENCH="$(swift build -c release --package-path "$HERE" --scratch-path "$SCRATCH" --show-bin-path)/rotor-bench"
echo "machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r);" \
  "$("$RSYSLOGD" -v | head -1 | cut -c1-40); RUNS=$RUNS N=$N" >&2

RESULTS="$WORK/results.jsonl"
for round in $(seq "$RUNS"); do
  for transport in $TRANSPORTS; do
    case "$transport" in
      unix) url="unix:$WORK/log.sock" ;;
      tcp) url="tcp://127.0.0.1:$PORT" ;;
      udp) url="udp://127.0.0.1:$PORT" ;;
    esac
    before=$(wc -l < "$WORK/received.log" 2>/dev/null || echo 0)
    line="$("$BENCH" --sink syslog --syslog-url "$url" --records "$N" --syslog-peer "$WORK/syslog_peer")"
    sleep 2
    after=$(wc -l < "$WORK/received.log")
    echo "$line" | python3 -c 'import json,sys; r=json.load(sys.stdin); r.update(transport=sys.argv[1], round=int(sys.argv[2]), arrived=int(sys.argv[3])); print(json.dumps(r))' \
      "$transport" "$round" "$((after - before))" | tee -a "$RESULTS"
  done
done

python3 - "$RESULTS" "$N" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
print("\n| transport | Rotor SyslogSink (records/s) | C peer (records/s) | Rotor / peer | arrived of 2N |")
print("|---|---:|---:|---:|---:|")
for transport in dict.fromkeys(r["transport"] for r in rows):
    mine = [r for r in rows if r["transport"] == transport]
    rotor = statistics.median(r["records_per_second"] for r in mine)
    peer = statistics.median(r["peer"]["records_per_second"] for r in mine)
    arrived = min(r["arrived"] for r in mine)
    print(f"| {transport} | {rotor:,.0f} | {peer:,.0f} | {rotor / peer:.2f} | {arrived:,} of {2 * n:,} (worst round) |")
PY
