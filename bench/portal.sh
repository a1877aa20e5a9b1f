#!/usr/bin/env bash
# Portal speed benchmarks (see bench/README.md), Release builds on loopback, SQLite and PostgreSQL in one run:
#   - upload-to-scored time of a MusiCRS-size run, median and p95 over 20 uploads: SQLite (the embedded default);
#     PostgreSQL with the web process running the jobs; PostgreSQL with the web process running none
#     (Leaderboard:RunJobs=false) and one Leaderboard.Worker process;
#   - scored submissions per minute on PostgreSQL, 60 uploads sent at once, with one worker and then with two;
#   - leaderboard JSON requests/s (wrk), cached and uncached (a new query string on every request, so the output
#     cache never answers), on both databases after seeding each to 1,000 scored submissions.
# `bash bench/portal.sh sqlite` measures SQLite alone. PostgreSQL is Debian's package, started here as the tests start
# it (/usr/lib/postgresql/<version>/bin, as the postgres user when run as root), with its default durability.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=bench/out
mkdir -p "$out"
databases=${1:-both}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v python3 >/dev/null || { echo "python3 is needed to seed the SQLite database" >&2; exit 1; }

dotnet build -c Release src/Leaderboard.Web -v quiet -nologo >/dev/null
dotnet build -c Release src/Leaderboard.Cli -v quiet -nologo >/dev/null
dotnet build -c Release jobs/Leaderboard.Worker -v quiet -nologo >/dev/null
cli="dotnet $root/src/Leaderboard.Cli/bin/Release/net10.0/leaderboard.dll"
$cli baseline popularity --benchmark musicrs --out "$out/popularity.jsonl" >/dev/null

pids=()
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${pg_bin:-}" ]; then as_postgres "$pg_bin/pg_ctl" -D "$work/cluster/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_portal NAME PORT [VAR=VALUE...]: the web process on a data folder of its own, in the background.
start_portal() {
  local name=$1 port=$2; shift 2
  mkdir -p "$work/$name"
  env Leaderboard__DataDirectory="$work/$name" ASPNETCORE_ENVIRONMENT=Production Leaderboard__RunBaselinesAtStartup=false \
    Leaderboard__UploadsPerMinute=1000 "$@" \
    dotnet src/Leaderboard.Web/bin/Release/net10.0/Leaderboard.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$root/src/Leaderboard.Web" > "$out/portal-$name.log" 2>&1 &
  pids+=($!)
  local pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do kill -0 $pid 2>/dev/null || { cat "$out/portal-$name.log"; exit 1; }; sleep 0.2; done
}

# start_worker NAME DATA-FOLDER CONNECTION-STRING: a Leaderboard.Worker process; its PID in $worker.
start_worker() {
  env Leaderboard__DataDirectory="$work/$2" ConnectionStrings__Leaderboard="$3" Leaderboard__Worker__Name="$1" \
    dotnet jobs/Leaderboard.Worker/bin/Release/net10.0/Leaderboard.Worker.dll > "$out/worker-$1.log" 2>&1 &
  worker=$!
  pids+=($worker)
}

# teams COUNT [VAR=VALUE...]: API tokens of new teams (5 uploads a day each, the default quota), one a line.
teams() {
  local count=$1; shift
  for _ in $(seq 1 "$count"); do
    env "$@" $cli team create --name "Bench team $RANDOM$RANDOM" --portal-config src/Leaderboard.Web | grep -o 'lbt_[0-9a-f]*'
  done
}

upload() { # URL TOKEN METHOD: prints the new submission's id
  curl -sf -H "Authorization: Bearer $2" -F track=query-only -F method="$3" -F file=@"$out/popularity.jsonl" "$1/api/v1/submissions" \
    | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2
}

# upload_to_scored LABEL URL TOKEN...: five uploads per token, one after another, each timed until its status is final.
upload_to_scored() {
  local label=$1 url=$2; shift 2
  local file="$out/upload-times-$label.txt" i=0 start id
  : > "$file"
  for token in "$@"; do
    for _ in 1 2 3 4 5; do
      i=$((i + 1))
      start=$(date +%s%N)
      id=$(upload "$url" "$token" "Latency $label $i")
      until curl -sf -H "Authorization: Bearer $token" "$url/api/v1/submissions/$id" | grep -q '"in_progress":false'; do sleep 0.02; done
      curl -sf -H "Authorization: Bearer $token" "$url/api/v1/submissions/$id" | grep -q '"status":"Scored"' || { echo "submission $id did not end Scored" >&2; exit 1; }
      echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$file"
    done
  done
  sort -n "$file" | awk -v label="$label" -v load="$(load)" '{a[NR] = $1} END {
    printf "%s: upload -> scored, %d uploads: median %d ms, p95 %d ms, max %d ms (load %s)\n", label, NR, (a[int((NR + 1) / 2)] + a[int(NR / 2) + 1]) / 2, a[int(NR * 0.95 + 0.5)], a[NR], load }'
}

# burst LABEL URL DATABASE TOKEN...: five uploads per token sent at once; scored submissions per minute from the first
# upload's arrival to the last score written (both from the database), and the jobs each worker ran.
burst() {
  local label=$1 url=$2 db=$3; shift 3
  local n=0 before
  before=$(load)
  for token in "$@"; do
    for _ in 1 2 3 4 5; do
      n=$((n + 1))
      upload "$url" "$token" "Burst $label $n" >/dev/null
    done
  done
  until [ "$(psql_in "$db" "SELECT COUNT(*) FROM submissions WHERE method LIKE 'Burst $label %' AND status IN ('Scored', 'Failed')")" = "$n" ]; do sleep 0.2; done
  psql_in "$db" "SELECT COUNT(*) FILTER (WHERE s.status = 'Scored'), EXTRACT(EPOCH FROM MAX(e.at) - MIN(s.created_at))
                 FROM submissions s LEFT JOIN submission_events e ON e.submission_id = s.id AND e.to_status = 'Scored'
                 WHERE s.method LIKE 'Burst $label %'" \
    | awk -F'|' -v label="$label" -v n="$n" -v before="$before" -v after="$(load)" '{
        printf "%s: %d of %d scored in %.1f s: %.0f scored submissions/minute (load before %s, after %s)\n", label, $1, n, $2, 60 * $1 / $2, before, after }'
  psql_in "$db" "SELECT split_part(st.data::jsonb->>'ServerId', ':', 1) AS server, COUNT(*)
                 FROM hangfire.state st JOIN hangfire.job j ON j.id = st.jobid
                 WHERE st.name = 'Processing' AND j.createdat >= (SELECT MIN(created_at) FROM submissions WHERE method LIKE 'Burst $label %')
                 GROUP BY server ORDER BY server" | awk -F'|' -v label="$label" '{printf "  %s: %s ran %d jobs\n", label, $1, $2}'
}

psql_in() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -Atq -v ON_ERROR_STOP=1 -c "$2"; }

# The leaderboard's load: 1,000 published scored submissions over 100 more teams, copies of the first scored one with
# varied summaries, written behind the portal's back; the runs timed above are made private, so that both databases
# show the same board (100 rows). The same SQL on both.
seed_sql="
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
INSERT INTO teams (name, created_at) SELECT 'Seed team ' || i, (SELECT MIN(created_at) FROM teams) FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
INSERT INTO submissions (team_id, benchmark, track, method, description, file_name, stored_file, sha256, bytes, status, format, visibility, kind, created_at, updated_at)
SELECT t.id, s.benchmark, s.track, 'Seeded ' || n.i, s.description, s.file_name, s.stored_file, s.sha256, s.bytes, s.status, s.format, 'Published', s.kind, s.created_at, s.updated_at
FROM n JOIN teams t ON t.name = 'Seed team ' || (n.i % 100)
CROSS JOIN (SELECT * FROM submissions WHERE status = 'Scored' ORDER BY id LIMIT 1) s;
INSERT INTO conversation_scores (submission_id, position, conversation_id, genre, recall_1, recall_5, recall_10, recall_20, ndcg_1, ndcg_5, ndcg_10, ndcg_20, precision_1, precision_5, precision_10, precision_20, hit_1, hit_5, hit_10, hit_20, mrr)
SELECT s.id, c.position, c.conversation_id, c.genre, c.recall_1, c.recall_5, c.recall_10, c.recall_20, c.ndcg_1, c.ndcg_5, c.ndcg_10, c.ndcg_20, c.precision_1, c.precision_5, c.precision_10, c.precision_20, c.hit_1, c.hit_5, c.hit_10, c.hit_20, c.mrr
FROM submissions s JOIN conversation_scores c ON c.submission_id = (SELECT MIN(id) FROM submissions WHERE status = 'Scored')
WHERE s.method LIKE 'Seeded %';
INSERT INTO score_summaries (submission_id, part, scope, conversations, recall, recall_lower, recall_upper, ndcg, ndcg_lower, ndcg_upper, mrr, mrr_lower, mrr_upper, split_version)
SELECT s.id, m.part, m.scope, m.conversations, m.recall * (0.5 + (s.id % 97) / 97.0), m.recall_lower, m.recall_upper, m.ndcg, m.ndcg_lower, m.ndcg_upper, m.mrr, m.mrr_lower, m.mrr_upper, m.split_version
FROM submissions s JOIN score_summaries m ON m.submission_id = (SELECT MIN(id) FROM submissions WHERE status = 'Scored')
WHERE s.method LIKE 'Seeded %';
UPDATE submissions SET visibility = CASE WHEN method LIKE 'Seeded %' THEN 'Published' ELSE 'Private' END;
"

# Each request of a wrk thread asks for a query string never asked before: the output cache stores it but never answers it.
cat > "$work/uncached.lua" <<'LUA'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
local n = 0
function request() n = n + 1; return wrk.format(nil, wrk.path .. "?nocache=" .. id .. "-" .. n) end
LUA

# rps LABEL URL [SCRIPT]: wrk, 2 threads, 32 connections, 10 s, after a warm-up request.
rps() {
  local file="$out/wrk-$1.txt"
  curl -sf "$2" >/dev/null
  wrk -t2 -c32 -d10s --latency ${3:+-s "$3"} "$2" > "$file"
  printf "%s: %s requests/s, p99 %s (load %s)\n" "$1" "$(awk '/Requests\/sec/ {print $2}' "$file")" "$(awk '$1 == "99%" {print $2}' "$file")" "$(load)"
  if grep -q "Non-2xx" "$file"; then echo "  $(grep Non-2xx "$file")"; fi
}

echo "== load average before: $(load)"
sqlite_url=http://127.0.0.1:5191
start_portal sqlite 5191
upload_to_scored sqlite-embedded "$sqlite_url" $(teams 4 Leaderboard__DataDirectory="$work/sqlite")

if [ "$databases" != sqlite ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_port=5192
  mkdir -p "$work/cluster"
  if [ "$(id -u)" = 0 ]; then chown postgres "$work/cluster"; fi
  as_postgres "$pg_bin/initdb" -D "$work/cluster/data" -A trust -U postgres --no-locale -E UTF8 >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$work/cluster/data" -l "$work/cluster/server.log" -w start \
    -o "-p $pg_port -k $work/cluster -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
  echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port"
  for db in embedded distributed; do psql_in postgres "CREATE DATABASE $db"; done
  connection() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1"; }

  # The web process runs the jobs itself, on Hangfire's PostgreSQL storage.
  start_portal pg-embedded 5193 ConnectionStrings__Leaderboard="$(connection embedded)"
  upload_to_scored postgres-web-runs-jobs http://127.0.0.1:5193 $(teams 4 ConnectionStrings__Leaderboard="$(connection embedded)")
  kill "${pids[-1]}"

  # Web and workers apart: the web process only enqueues; one worker, then two.
  pg_url=http://127.0.0.1:5194
  start_portal pg 5194 ConnectionStrings__Leaderboard="$(connection distributed)" Leaderboard__RunJobs=false
  start_worker worker-1 pg "$(connection distributed)"
  first=$worker
  upload_to_scored postgres-one-worker "$pg_url" $(teams 4 ConnectionStrings__Leaderboard="$(connection distributed)")
  burst one-worker "$pg_url" distributed $(teams 12 ConnectionStrings__Leaderboard="$(connection distributed)")
  start_worker worker-2 pg "$(connection distributed)"
  second=$worker
  until [ "$(psql_in distributed "SELECT COUNT(*) FROM hangfire.server WHERE id LIKE 'worker-2:%'")" != 0 ]; do
    kill -0 "$second" 2>/dev/null || { echo "worker-2 exited before it registered:" >&2; cat "$out/worker-worker-2.log" >&2; exit 1; }
    sleep 0.2
  done
  burst two-workers "$pg_url" distributed $(teams 12 ConnectionStrings__Leaderboard="$(connection distributed)")
  kill "$first" "$second"
  psql_in distributed "$seed_sql"
fi

python3 - "$work/sqlite/leaderboard.db" "$seed_sql" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA busy_timeout = 30000")
db.executescript(sys.argv[2])
db.commit()
PY

echo "== leaderboard JSON (/api/v1/leaderboards/query-only, best run per team: 100 rows) on 1,000 published scored submissions"
json=/api/v1/leaderboards/query-only
rps health-sqlite "$sqlite_url/health"
rps json-cached-sqlite "$sqlite_url$json"
if [ "$databases" != sqlite ]; then rps json-cached-postgres "$pg_url$json"; fi
rps json-uncached-sqlite "$sqlite_url$json" "$work/uncached.lua"
if [ "$databases" != sqlite ]; then rps json-uncached-postgres "$pg_url$json" "$work/uncached.lua"; fi
echo "== load average after: $(load)"
