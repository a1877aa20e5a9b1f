#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine with the .NET 10 SDK and Node.js/npm (the README's test command;
# .ci/run calls it). Installs what the tests need when it is missing, as root with apt, then runs every test project,
# fuzzes every parser of user content and runs the compose test; prints a closing "N passed, N failed" line.
# Usage: bash tests/run.sh [FUZZ_SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
fuzz_seconds="${1:-60}"

# What the tests run for real, from Debian's packages (never a downloaded browser or server):
#   chromium, chromium-driver      browser tests (Playwright drives Debian's Chromium)
#   podman, runc, busybox-static   container tests (real images built from busybox; Podman works here only with runc)
#   skopeo, docker-registry        the images are pulled as every team's is, from a registry on loopback the tests start
#   postgresql-15                  the PostgreSQL runs of the data, container and distributed tests (servers the tests start)
#   podman-compose, debootstrap, iptables, aardvark-dns, curl   the compose test (docker/ci/compose-test.sh)
#   afl++                          coverage-guided fuzzing (tests/Leaderboard.Fuzz/fuzz.sh)
need=()
command -v chromium >/dev/null || need+=(chromium chromium-driver)
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v skopeo >/dev/null || need+=(skopeo)
[ -x /usr/bin/docker-registry ] || need+=(docker-registry)
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || need+=(postgresql-15)
command -v podman-compose >/dev/null || need+=(podman-compose)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v iptables >/dev/null || need+=(iptables)
[ -x /usr/lib/podman/aardvark-dns ] || need+=(aardvark-dns)
command -v curl >/dev/null || need+=(curl)
command -v afl-fuzz >/dev/null || need+=(afl++)
if [ "${#need[@]}" -gt 0 ]; then
  echo "tests/run.sh: installing ${need[*]} (apt-get, a few minutes on a fresh machine)" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "tests/run.sh: these Debian packages are missing and installing them needs root: ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v npm >/dev/null || { echo "tests/run.sh: npm (Node.js) is needed to fetch Chart.js" >&2; exit 1; }
# Podman's default ulimits cannot be set inside this sandbox (ENVIRONMENT.md): containers start only without them.
mkdir -p /etc/containers
if ! grep -q 'default_ulimits = \[\]' /etc/containers/containers.conf 2>/dev/null; then
  printf '[containers]\ndefault_ulimits = []\n' > /etc/containers/containers.conf
fi

# NuGet packages come from the registry at the versions in the committed lock files.
dotnet restore Leaderboard.sln --locked-mode

log=$(mktemp)
set +e
dotnet test Leaderboard.sln --no-restore 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Coverage-guided fuzzing of every parser of user content (exits 1 when a target crashed and prints the exceptions).
bash tests/Leaderboard.Fuzz/fuzz.sh "$fuzz_seconds"
fuzz_status=$?

# docker/: the image built on local stand-ins of the base images, the compose stack (PostgreSQL, web, two workers),
# an upload scored by a worker container, the data kept across a stop and start; the limit keeps a hung step bounded.
timeout 1800 bash docker/ci/compose-test.sh
compose_status=$?
set -e

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$skipped" -ne 0 ]; then
  echo "tests/run.sh: tests were skipped; a skipped test is a defect here." >&2
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "tests/run.sh: no test ran." >&2
  exit 1
fi
if [ "$fuzz_status" -ne 0 ]; then
  echo "tests/run.sh: fuzzing found crashes (listed above); add each input to tests/Leaderboard.Fuzz/Findings." >&2
  exit 1
fi
if [ "$compose_status" -ne 0 ]; then
  echo "tests/run.sh: the compose test failed (docker/ci/compose-test.sh, exit ${compose_status}; 124: over 30 minutes); its step and the containers' logs are above." >&2
  exit 1
fi
exit "$status"
