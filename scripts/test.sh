#!/usr/bin/env bash
# The StatusHub test command (README "Quick start"): installs the pinned Node tools, builds, runs every test.
# Needs only the .NET 10 SDK, Node.js 20+ and npm on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Installing pinned Node tools (Azurite) with npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "==> Building StatusHub.sln"
dotnet build StatusHub.sln --configuration Release -warnaserror

echo "==> Running tests (real Azurite on free ports, real HTTP stack)"
dotnet test StatusHub.sln --configuration Release --no-build --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=840000
