#!/usr/bin/env bash
# The StatusHub test command (README "Quick start"): installs the pinned Node tools, builds, runs every test.
# Needs only the .NET 10 SDK, Node.js 20+, npm and Java 17 (Nu HTML Checker) on the machine; installs Chromium with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Installing pinned Node tools (Azurite) with npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "==> Ensuring Chromium for the browser tests (Debian package; Playwright's own download is not used)"
./scripts/ensure-chromium.sh

echo "==> Building StatusHub.sln"
# The Azure Functions worker packages are not served by every package source. Where restoring the solution fails only
# because they are missing, build and test StatusHub.NoFunctions.slnf (everything but src/StatusHub.Functions) instead;
# any other restore or build error fails.
functions_project='src/StatusHub.Functions/StatusHub.Functions.csproj'
worker_package='(Microsoft\.Azure\.Functions\.Worker(\.[A-Za-z0-9]+)*|Microsoft\.ApplicationInsights\.WorkerService)'

# True when every restore error is in the Functions project and only says that its worker packages are missing:
# NU1101/NU1102/NU1103 naming a worker package, and NU1603 (a version fallback those missing versions cause there).
only_functions_worker_packages_missing() {
  local errors
  errors="$(grep -E ': error [A-Z]+[0-9]+: ' "$1" | sort -u)" || return 1
  if grep -v -F "${functions_project} : error " <<<"$errors" | grep -q .; then return 1; fi
  if grep -v -E ': error (NU1101|NU1102|NU1103|NU1603): ' <<<"$errors" | grep -q .; then return 1; fi
  if grep -E ': error NU110[123]: Unable to find ' <<<"$errors" \
    | grep -v -E "Unable to find (a stable )?package ${worker_package}( |\. )" | grep -q .; then return 1; fi
  grep -q -E ": error NU110[123]: Unable to find (a stable )?package ${worker_package}( |\. )" <<<"$errors"
}

target=StatusHub.sln
restore_log="$(mktemp)"
trap 'rm -f "$restore_log"' EXIT
if ! dotnet restore StatusHub.sln -tl:off >"$restore_log" 2>&1; then
  if only_functions_worker_packages_missing "$restore_log"; then
    echo "Functions project skipped: the Azure Functions worker packages are not served by this package source (built where they restore)."
    target=StatusHub.NoFunctions.slnf
    dotnet restore "$target"
  else
    cat "$restore_log" >&2
    echo "Restoring StatusHub.sln failed (errors above)." >&2
    exit 1
  fi
fi
dotnet build "$target" --configuration Release -warnaserror --no-restore

echo "==> Running tests (real Azurite on free ports, real HTTP stack)"
dotnet test "$target" --configuration Release --no-build --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=840000
