#!/usr/bin/env bash
# How to run the tests: this script is the README's test command.
#
#   ./tests/run.sh                              every test, the installed-tool ones included (about 8 min on 2 cores)
#   ./tests/run.sh --filter "Category!=Slow"    only the fast tests (under a minute): nothing that starts a process, Node, Chromium or Redis
#   ./tests/run.sh --filter "Needs=redis"       one kind of slow test (Needs: process, node, chromium, redis)
#   ./tests/run.sh --filter "FullyQualifiedName~Flux2.Redis.Tests"
#
# Any argument is passed on to `dotnet test`. Before the run it checks the .NET SDK (10 or newer) and the Debian packages the
# suite needs: npm (the Node tools; the end-to-end tests install their pinned versions themselves with `npm ci`), chromium (the
# MCP Apps gallery test drives it headless), clang and zlib1g-dev (the installed-tool tests pack both tools as Native AOT) and
# redis-server (tests/Flux2.Redis.Tests start their own). As root it installs the missing ones with apt-get; otherwise it names
# them and the command that installs them, and stops. Results: trx files under artifacts/test-results and one closing line,
# "N passed, N failed, N skipped". The exit code is dotnet test's.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The .NET SDK: global.json asks for 10.0.100 or a later feature band.
if ! command -v dotnet >/dev/null; then
  echo "tests/run.sh: the .NET 10 SDK is required (dotnet on PATH): https://dotnet.microsoft.com/download/dotnet/10.0" >&2
  exit 1
fi
sdk=$(dotnet --version 2>/dev/null || true)
if [[ ! "$sdk" =~ ^([0-9]+)\. ]] || ((BASH_REMATCH[1] < 10)); then
  echo "tests/run.sh: the .NET 10 SDK is required; 'dotnet --version' says '${sdk:-nothing}' here (global.json asks for 10.0.100 or later)." >&2
  exit 1
fi

# The Debian packages, by what each one provides.
missing=()
command -v npm >/dev/null || missing+=(nodejs npm)
command -v chromium >/dev/null || missing+=(chromium)
command -v clang >/dev/null || missing+=(clang)
dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "install ok installed" || missing+=(zlib1g-dev)
command -v redis-server >/dev/null || missing+=(redis-server)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "tests/run.sh: installing ${missing[*]} (Debian packages the tests need)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  elif command -v apt-get >/dev/null; then
    echo "tests/run.sh: the tests need these Debian packages, which are missing: ${missing[*]}" >&2
    echo "Install them, then run ./tests/run.sh again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  else
    echo "tests/run.sh: the tests need these packages (Debian names), which are missing: ${missing[*]}" >&2
    echo "Install them with this system's package manager, then run ./tests/run.sh again." >&2
    exit 1
  fi
fi
echo "tests/run.sh: .NET SDK $sdk; npm, chromium, clang, zlib1g-dev and redis-server are installed"

# The installed-tool end-to-end tests (pack both tools as Native AOT, install, run) are opt-in elsewhere: here they run.
export FLUX2_TEST_INSTALLED_TOOLS=1

results=artifacts/test-results
mkdir -p "$results"
rm -f "$results"/run_*.trx
status=0
dotnet test Flux2.Agents.sln --logger "console;verbosity=normal" --logger "trx;LogFilePrefix=run" --results-directory "$results" "$@" || status=$?

# One closing line any reader can count, from the trx files of this run (skipped tests count in "total" but in neither
# "passed" nor "failed"; xunit's skips are not always "notExecuted").
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/run_*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  [[ -n "$counters" ]] || continue
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  t=$(count total) p=$(count passed) f=$(count failed)
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0})) skipped=$((skipped + ${t:-0} - ${p:-0} - ${f:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
