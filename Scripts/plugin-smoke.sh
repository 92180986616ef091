#!/usr/bin/env bash
# Smoke test of the command plugins: `swift package rotor <subcommand> …` (read-only, asks for no
# permission) and `swift package rotor-prune …` (the only one that asks to write).
#
# Builds a small log directory inside the package (the plugins resolve relative paths against the
# package directory), then runs `stats`, `cat` and `verify` through `rotor` WITHOUT any permission
# flag, checks that a failing `verify` makes `swift package` fail, that `rotor prune` is refused
# (it points to rotor-prune), that `rotor-prune` is refused without permission (no terminal here
# to ask on) and prunes with `--allow-writing-to-package-directory`.
#
# Usage: Scripts/plugin-smoke.sh     (extra `swift package` flags in $SWIFT_PACKAGE_FLAGS, with
#                                     absolute paths, e.g. SWIFT_PACKAGE_FLAGS="--scratch-path $PWD/.build-cli")
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# shellcheck disable=SC2206
flags=(${SWIFT_PACKAGE_FLAGS:-})
dir=".plugin-smoke-$$"
trap 'rm -rf "$dir"' EXIT
mkdir "$dir"

record() { printf '{"timestamp":"2026-11-21T14:00:%02d.000000Z","level":"info","label":"smoke","message":"record %d"}\n' "$1" "$1"; }
for i in 0 1 2; do record "$i"; done > "$dir/app.2026-11-21T14-00-10.000Z.001.log"
for i in 3 4 5; do record "$i"; done | gzip -c > "$dir/app.2026-11-21T14-00-20.000Z.001.log.gz"
for i in 6 7; do record "$i"; done > "$dir/app.log"

fail() { echo "plugin smoke test failed: $*" >&2; exit 1; }

echo "== swift package rotor stats $dir/app.log (no permission flag; run from another directory: the path is the package's)"
stats=$(cd "$dir" && swift package --package-path "$root" "${flags[@]}" rotor stats "$dir/app.log")
echo "$stats"
grep -q "archives:  2 (1 gzip, 1 plain)" <<<"$stats" || fail "stats did not list the two archives"

echo "== swift package rotor stats --json $dir (the directory of one log)"
swift package "${flags[@]}" rotor stats --json "$dir" | grep -q '"archives" : 2' || fail "stats --json of the directory"

echo "== swift package rotor cat --json $dir/app.log"
count=$(swift package "${flags[@]}" rotor cat --json "$dir/app.log" | grep -c '"message":"record ')
[ "$count" -eq 8 ] || fail "cat printed $count records instead of 8"

echo "== swift package rotor verify $dir/app.log"
swift package "${flags[@]}" rotor verify "$dir/app.log" | grep -q "^ok: 3 files, 8 lines$" || fail "verify of a good log"

echo "== swift package rotor prune is refused: it points to rotor-prune"
if out=$(swift package "${flags[@]}" rotor prune "$dir/app.log" --keep 1 2>&1); then fail "rotor prune ran through the read-only plugin"; fi
grep -q "swift package rotor-prune $dir/app.log --keep 1" <<<"$out" || fail "the refusal does not name rotor-prune: $out"

echo "== swift package rotor-prune without permission is refused (no terminal to ask on)"
if out=$(swift package "${flags[@]}" rotor-prune "$dir/app.log" --keep 1 2>&1 </dev/null); then fail "rotor-prune ran without permission"; fi
grep -q "allow-writing-to-package-directory" <<<"$out" || fail "the refusal does not name the flag: $out"
[ -e "$dir/app.2026-11-21T14-00-10.000Z.001.log" ] || fail "rotor-prune deleted an archive without permission"

echo "== swift package --allow-writing-to-package-directory rotor-prune $dir/app.log --keep 1"
swift package "${flags[@]}" --allow-writing-to-package-directory rotor-prune "$dir/app.log" --keep 1 \
    | grep -q "^deleted $dir/app.2026-11-21T14-00-10.000Z.001.log$" || fail "rotor-prune did not delete the oldest archive"
[ ! -e "$dir/app.2026-11-21T14-00-10.000Z.001.log" ] || fail "the oldest archive is still there"

echo "== a failing verify fails the plugin"
printf '{"a":1,"a":2}\n' >> "$dir/app.log"
if swift package "${flags[@]}" rotor verify "$dir/app.log" >/dev/null 2>&1; then fail "verify of a bad log succeeded"; fi

echo "plugin smoke test passed"
