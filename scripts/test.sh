#!/usr/bin/env bash
# The StatusHub test command (README "Quick start"): installs the pinned Node tools, builds, checks the
# code style, runs every test.
# Needs only the .NET 10 SDK, Node.js 20+, npm and Java 17 (Nu HTML Checker) on the machine; installs Chromium with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Installing pinned Node tools (Azurite) with npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "==> Ensuring Chromium for the browser tests (Debian package; Playwright's own download is not used)"
./scripts/ensure-chromium.sh

echo "==> Building StatusHub.sln (the Functions app included)"
# Warnings are errors in every project of ours (Directory.Build.props: TreatWarningsAsErrors and
# MSBuildTreatWarningsAsErrors). The Functions SDK restores and builds a generated WorkerExtensions project of its own
# that imports none of our props; its package graph resolves with NU1603 ("a higher version was resolved"). That is the
# only warning let through, and only from that project: any other warning in the build log fails the run.
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
dotnet restore StatusHub.sln -tl:off
if ! dotnet build StatusHub.sln --configuration Release --no-restore -tl:off -consoleLoggerParameters:NoSummary 2>&1 | tee "$build_log"; then
  echo "Building StatusHub.sln failed (errors above)." >&2
  exit 1
fi
unexpected="$(grep -E ': warning [A-Z]+[0-9]+:' "$build_log" \
  | grep -v -E '/WorkerExtensions/WorkerExtensions\.csproj : warning NU1603: ' | sort -u || true)"
if [[ -n "$unexpected" ]]; then
  echo "Unexpected build warnings (only NU1603 from the generated WorkerExtensions project is allowed):" >&2
  echo "$unexpected" >&2
  exit 1
fi

echo "==> Checking the code style (dotnet format --verify-no-changes; the rules are in .editorconfig)"
# Two passes of dotnet format, not its default three: the third ("analyzers") runs the CA rules the build above already
# ran with warnings as errors, and would double the time. Whitespace runs on the files alone (no project load); style
# loads the solution and checks the IDE rules set to warning (var, braces, naming, usings, ...).
# `dotnet format StatusHub.sln` fixes what they report.
dotnet format whitespace --folder --verify-no-changes
dotnet format style StatusHub.sln --no-restore --severity warn --verify-no-changes

echo "==> Running tests (real Azurite on free ports, real HTTP stack; the published Functions app behind the test host)"
dotnet test StatusHub.sln --configuration Release --no-build --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=840000

# The same API and site tests once more, against the other host: the published Functions app (artifacts/functions-app,
# published by the first pass) run as a child process behind the test Functions host (tests/StatusHub.FunctionsHost),
# on its own Azurite. Tests marked Host=ServerOnly test what only the local server has (their comments say what).
echo "==> Running the API and site tests against the Functions app (STATUSHUB_TEST_HOST=functions)"
STATUSHUB_TEST_HOST=functions dotnet test tests/StatusHub.Api.Tests/StatusHub.Api.Tests.csproj --configuration Release --no-build \
  --filter "Host!=ServerOnly" --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=600000
