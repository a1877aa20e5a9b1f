#!/usr/bin/env bash
# Mutation testing ("test your tests") with Stryker.NET on the two parts whose tests we most rely on:
#   (1) the metric core, src/Leaderboard.Metrics, against tests/Leaderboard.Metrics.Tests;
#   (2) the run and qrels readers of src/Leaderboard.Engine (LineReader, VerifiedGzipStream, LimitedStream,
#       TrecFields, TrecFiles), against tests/Leaderboard.Engine.Tests, and RunValidator of src/Leaderboard.Core,
#       against tests/Leaderboard.Core.Tests (Stryker takes one test project when run from a test project's folder).
# Not part of CI: too slow. On the shared 2-core machine (load 40-50) the metric core took 21 min with
# concurrency 2 and 57 min with 1; the readers (about 400 mutants; 95 tests, 123 with the new ones) had not finished
# after 70 min. Reports (HTML, JSON, Markdown) go to artifacts/mutation/, git-ignored.
# Usage: bash tests/mutation.sh [metrics|readers]   (both when no argument is given)
# STRYKER_CONCURRENCY (default 1) sets how many test sessions run at once.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/artifacts/mutation"
concurrency=${STRYKER_CONCURRENCY:-1}
mkdir -p "$out"

# The tool's version is pinned in tests/.config/dotnet-tools.json (the test tools' manifest; Stryker runs below
# from folders under tests/, where that manifest is found).
(cd tests && dotnet tool restore >/dev/null)

# The config file only adds 30 s to the timeout per mutant: the machines are shared, and a test run
# slowed by other work must not be taken for a mutant's endless loop.
common=(--config-file ../stryker-config.json --target-framework net10.0 --skip-version-check --concurrency "$concurrency" --reporter Progress --reporter Html --reporter Json --reporter Markdown)

# Stryker's project analysis (Buildalyzer) now and then gives up with "Could not find build environment"
# on a busy machine; it fails within a minute then, so try again.
stryker() {
  local dir=$1 name=$2
  shift 2
  for attempt in 1 2 3; do
    local status=0
    (cd "$dir" && dotnet dotnet-stryker "${common[@]}" --output "$out/$name" "$@") 2>&1 | tee "$out/$name.log" || status=$?
    grep -q "Could not find build environment" "$out/$name.log" || return "$status"
    echo "Stryker's analysis failed (attempt $attempt); retrying" >&2
  done
  return 1
}

run_metrics() {
  stryker tests/Leaderboard.Metrics.Tests metrics
}

run_readers() {
  stryker tests/Leaderboard.Engine.Tests readers \
    --mutate "**/Runs/LineReader.cs" \
    --mutate "**/Runs/VerifiedGzipStream.cs" \
    --mutate "**/Runs/LimitedStream.cs" \
    --mutate "**/Runs/TrecFields.cs" \
    --mutate "**/Trec/TrecFiles.cs"
  stryker tests/Leaderboard.Core.Tests validator \
    --project Leaderboard.Core.csproj \
    --mutate "**/Runs/RunValidator.cs"
}

case "${1:-all}" in
  metrics) run_metrics ;;
  readers) run_readers ;;
  all) run_metrics; run_readers ;;
  *) echo "usage: bash tests/mutation.sh [metrics|readers]" >&2; exit 2 ;;
esac

echo "Reports: $out/*/reports/mutation-report.html (survivors are listed in mutation-report.md)"
