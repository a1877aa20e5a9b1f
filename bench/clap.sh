#!/usr/bin/env bash
# Speed of the CLAP-compatible ONNX runner with the generated test model (see bench/README.md):
# conversations per second and the share of time in feature extraction vs inference.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
dotnet build -c Release tests/Leaderboard.Benchmarks -v quiet -nologo >/dev/null
bench=tests/Leaderboard.Benchmarks/bin/Release/net10.0/Leaderboard.Benchmarks.dll

echo "== profile: 3 timed runs of audio+query, then query-only (runner's own clocks)"
dotnet "$bench" clap
echo "== BenchmarkDotNet: ClapRunnerBenchmark"
dotnet "$bench" --filter '*ClapRunner*' --artifacts "$out/bdn-clap"
