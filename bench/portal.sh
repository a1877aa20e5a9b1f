#!/usr/bin/env bash
# Portal speed benchmarks (see bench/README.md). Starts the Release build of the portal on a fresh
# data folder, seeds 1,000 scored submissions, then measures on loopback:
#   - upload-to-scored time of a MusiCRS-size run, median and p95 over 20 uploads;
#   - requests/s and p99 latency (wrk) of /health, the leaderboard JSON and the leaderboard page.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=bench/out
mkdir -p "$out"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v python3 >/dev/null || { echo "python3 is needed to seed the database" >&2; exit 1; }

dotnet build -c Release src/Leaderboard.Web -v quiet -nologo >/dev/null
dotnet build -c Release src/Leaderboard.Cli -v quiet -nologo >/dev/null
cli="dotnet $root/src/Leaderboard.Cli/bin/Release/net10.0/leaderboard.dll"

data=$(mktemp -d)
port=5191
url="http://127.0.0.1:$port"
Leaderboard__DataDirectory="$data" ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Leaderboard.Web/bin/Release/net10.0/Leaderboard.Web.dll --urls "$url" --contentRoot "$root/src/Leaderboard.Web" > "$out/portal.log" 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf "$url/health" >/dev/null; do kill -0 $portal 2>/dev/null || { cat "$out/portal.log"; exit 1; }; sleep 0.2; done

token=$($cli team create --name "Bench Team" --data-dir "$data" | grep -o 'lbt_[0-9a-f]*')
$cli baseline popularity --benchmark musicrs --out "$out/popularity.jsonl" >/dev/null

echo "== upload to scored, 20 uploads of a full MusiCRS run"
: > "$out/upload-times.txt"
for i in $(seq 1 20); do
  start=$(date +%s%N)
  id=$(curl -sf -H "Authorization: Bearer $token" -F track=query-only -F method="Run $i" -F file=@"$out/popularity.jsonl" \
       "$url/api/v1/submissions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  until curl -sf -H "Authorization: Bearer $token" "$url/api/v1/submissions/$id" | grep -q '"is_final":true'; do sleep 0.02; done
  echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$out/upload-times.txt"
done
sort -n "$out/upload-times.txt" | awk '{a[NR]=$1} END {printf "median %d ms, p95 %d ms, max %d ms\n", (a[10]+a[11])/2, a[19], a[20]}'

echo "== seeding 1,000 scored submissions (copies of the scored ones, 100 teams)"
python3 - "$data/leaderboard.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA busy_timeout = 30000")
template = db.execute("SELECT id FROM submissions WHERE status = 'Scored' ORDER BY id LIMIT 1").fetchone()[0]
have = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
for t in range(100):
    db.execute("INSERT OR IGNORE INTO teams (name, created_at) VALUES (?, '2026-11-23T00:00:00Z')", (f"Seed team {t}",))
teams = [r[0] for r in db.execute("SELECT id FROM teams WHERE name LIKE 'Seed team %'")]
for n in range(1000 - have):
    cur = db.execute("""INSERT INTO submissions (team_id, benchmark, track, method, description, file_name, stored_file, sha256, bytes, status, format, published, created_at, updated_at)
        SELECT ?, benchmark, track, ?, description, file_name, stored_file, sha256, bytes, status, format, 1, created_at, updated_at FROM submissions WHERE id = ?""",
        (teams[n % len(teams)], f"Seeded {n}", template))
    new = cur.lastrowid
    db.execute("INSERT INTO conversation_scores SELECT ?, position, conversation_id, genre, recall_1, recall_5, recall_10, recall_20, ndcg_1, ndcg_5, ndcg_10, ndcg_20, precision_1, precision_5, precision_10, precision_20, hit_1, hit_5, hit_10, hit_20, mrr FROM conversation_scores WHERE submission_id = ?", (new, template))
    # Vary the summaries so sorting has work to do.
    db.execute("INSERT INTO score_summaries SELECT ?, scope, conversations, recall * ?, recall_lower, recall_upper, ndcg, ndcg_lower, ndcg_upper, mrr, mrr_lower, mrr_upper FROM score_summaries WHERE submission_id = ?", (new, 0.5 + (n % 97) / 97, template))
db.commit()
print(db.execute("SELECT COUNT(*) FROM submissions WHERE status = 'Scored'").fetchone()[0], "scored submissions")
PY

echo "== wrk: 2 threads, 32 connections, 10 s each, after a warm-up request"
for path in /health /api/v1/leaderboards/query-only /leaderboards/query-only; do
  curl -sf "$url$path" >/dev/null
  wrk -t2 -c32 -d10s --latency "$url$path" > "$out/wrk-$(echo "$path" | tr '/' '_').txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$(echo "$path" | tr '/' '_').txt")
  p99=$(awk '$1 == "99%" {print $2}' "$out/wrk-$(echo "$path" | tr '/' '_').txt")
  echo "$path: $rps requests/s, p99 $p99"
  echo "$path $rps" >> "$out/wrk-summary.txt.tmp"
done
awk 'NR==1 {h=$2} NR>1 {printf "%s: %.0f %% of /health\n", $1, 100*$2/h}' "$out/wrk-summary.txt.tmp"
rm -f "$out/wrk-summary.txt.tmp"
