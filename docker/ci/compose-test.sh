#!/usr/bin/env bash
# CI test of docker/: the image builds (on local stand-ins of the base images), the compose stack runs (PostgreSQL,
# web, two workers), /health answers and every container's HEALTHCHECK passes, a team created with the CLI inside
# the web container uploads a run, a worker container scores it (Hangfire's job history names the worker), the
# leaderboard shows it, and after the stack is stopped and started again the submission, its scores and its file in
# the shared volume are still there. Needs root, podman (runc), podman-compose, debootstrap, curl.
# Exit 0: passed; otherwise the failed step is named and the containers' logs are printed. Prints the time of each
# phase. WEB_PORT (default 18080) is the web container's port on the host.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
port="${WEB_PORT:-18080}"
project=leaderboard-ci
base="http://127.0.0.1:$port"
work="$(mktemp -d)"

# runc (crun fails on this machine's cgroups) and no ulimits, for podman and for podman-compose's podman.
printf '[containers]\ndefault_ulimits = []\n[engine]\nruntime = "runc"\n' > "$work/containers.conf"
export CONTAINERS_CONF="$work/containers.conf"
export SDK_IMAGE=localhost/dotnet-sdk:10.0 RUNTIME_IMAGE=localhost/dotnet-aspnet:10.0 POSTGRES_IMAGE=localhost/postgres:15
export LEADERBOARD_IMAGE=localhost/musicrs-leaderboard:ci WEB_PORT="$port" ORGANIZER_PASSWORD="ci organizer passphrase" RUN_BASELINES=false
compose=(podman-compose -p "$project" -f docker/compose.yaml)
postgres="${project}_postgres_1" web="${project}_web_1"
containers=("$postgres" "$web" "${project}_worker-1_1" "${project}_worker-2_1")

started=$(date +%s) phase_name="" phase_start=0 timings=""
phase() {
  local now; now=$(date +%s)
  [ -z "$phase_name" ] || timings+="${timings:+; }$phase_name: $(( now - phase_start )) s"
  phase_name="$1" phase_start=$now
  [ -z "$1" ] || echo "compose-test: $1 ($(date -u +%H:%M:%S))"
}
failure=""
fail() { failure="$*"; exit 1; }

on_exit() {
  local status=$?
  set +e
  if [ "$status" -ne 0 ]; then
    echo "compose-test: FAILED in phase '$phase_name': ${failure:-a command failed (line ${failed_line:-?}, exit $status)}" >&2
    for log in "$work"/*.log; do
      [ -s "$log" ] && { echo "---- $(basename "$log") (last 40 lines)" >&2; tail -40 "$log" >&2; }
    done
    podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}  {{.Status}}' >&2
    for name in "${containers[@]}"; do
      podman container exists "$name" && { echo "---- podman logs $name (last 80 lines)" >&2; podman logs --tail 80 "$name" 2>&1 | cat >&2; }
    done
  fi
  phase ""
  [ -z "${postgres_standin:-}" ] || kill "$postgres_standin" 2>/dev/null
  "${compose[@]}" down -v >/dev/null 2>&1
  podman network rm -f "${project}_default" >/dev/null 2>&1
  rm -rf "$work"
  if [ "$status" -eq 0 ]; then
    echo "compose-test: passed in $(( $(date +%s) - started )) s ($timings)"
  else
    echo "compose-test: phases: $timings" >&2
  fi
  exit "$status"
}
trap 'failed_line=$LINENO' ERR
trap on_exit EXIT

# within SECONDS COMMAND...: runs COMMAND every 2 s until it succeeds; non-zero after SECONDS.
within() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 2
  done
}
# A request with a time limit: the body on stdout; a status other than 2xx fails (curl -f).
get() { curl -fsS --max-time 20 "$@"; }
submission() { get -H "Authorization: Bearer $token" "$base/api/v1/submissions/$id"; }
state() { submission | sed -n 's/.*"status":"\([A-Za-z]*\)".*/\1/p'; }
scored() { [ "$(state)" = Scored ]; }
scores() { submission | sed -n 's/.*"scores":\({.*}\)}$/\1/p'; }
on_board() { get "$base/api/v1/leaderboards/query-only?view=all" | grep -q "\"submission_id\":$id[,}]"; }
healthy() { podman healthcheck run "$1"; }
stack_healthy() {
  within 180 get "$base/health" || fail "/health did not answer within 180 s"
  within 90 get "$base/health/ready" || fail "/health/ready did not answer 200 within 90 s"
  for name in "${containers[@]}"; do
    within 120 healthy "$name" || fail "the HEALTHCHECK of $name did not pass within 120 s"
  done
}

"${compose[@]}" down -v >/dev/null 2>&1 || true

phase "stand-ins of the .NET images"
timeout 900 bash docker/ci/standins.sh dotnet >"$work/standins-dotnet.log" 2>&1 || fail "the .NET stand-ins (exit $?; 124: over 900 s)"

phase "image build, the PostgreSQL stand-in alongside"
# The PostgreSQL stand-in is needed only at `up`, and it is mostly downloads where the image build is mostly CPU.
timeout 900 bash docker/ci/standins.sh postgres >"$work/standins-postgres.log" 2>&1 &
postgres_standin=$!
# --format docker keeps the HEALTHCHECK (OCI images drop it); --network host reaches NuGet as the host does.
timeout 1500 podman build --format docker --network host \
  --build-arg SDK_IMAGE="$SDK_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" \
  --build-arg NUGET_CERT_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-}" \
  -f docker/Dockerfile -t "$LEADERBOARD_IMAGE" . >"$work/image-build.log" 2>&1 || fail "the image build (exit $?; 124: over 1500 s)"
wait "$postgres_standin" || fail "the PostgreSQL stand-in (exit $?; 124: over 900 s)"
postgres_standin=""
rm -f "$work"/*.log

phase "stack up, /health and every HEALTHCHECK"
"${compose[@]}" up -d --no-build >"$work/compose-up.log" 2>&1 || fail "podman-compose up"
stack_healthy

phase "the image serves the leaderboard command it was built with (NuGet feed)"
get "$base/nuget/v3/flat/leaderboard.cli/index.json" | grep -q '"versions":\["1\.' || fail "the image's portal serves no leaderboard command at /nuget/v3"
get -o /dev/null "$base/nuget/v3/flat/leaderboard.cli/1.0.0/leaderboard.cli.1.0.0.nupkg" || fail "the image's portal does not serve the command's package"

phase "a team by the CLI in the container uploads, a worker scores"
podman exec "$web" /app/entrypoint.sh leaderboard team create --name "Compose CI" >"$work/team-create.log" 2>&1 \
  || fail "leaderboard team create in the web container"
token="$(sed -n 's/^API token.*: //p' "$work/team-create.log")"
[ -n "$token" ] || fail "leaderboard team create in the web container printed no token"
podman exec "$web" /app/entrypoint.sh leaderboard baseline popularity --benchmark musicrs --out /tmp/run.jsonl >"$work/baseline.log" 2>&1 \
  || fail "leaderboard baseline in the web container"
podman exec "$web" cat /tmp/run.jsonl >"$work/run.jsonl"
code="$(curl -sS --max-time 60 -o "$work/upload.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
  -F track=query-only -F method=Compose -F "file=@$work/run.jsonl;filename=run.jsonl" "$base/api/v1/submissions")"
[ "$code" = 202 ] || fail "the upload was answered $code: $(cat "$work/upload.json")"
id="$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$work/upload.json")"
within 240 scored || fail "submission $id is not Scored within 240 s (status: $(state))"
# The web process runs no job server (Leaderboard__RunJobs=false): Hangfire's history must name a worker container.
servers="$(podman exec "$postgres" psql -U leaderboard -d leaderboard -At -c \
  "SELECT DISTINCT split_part(data::jsonb->>'ServerId', ':', 1) FROM hangfire.state WHERE name = 'Processing'")" \
  || fail "psql in the PostgreSQL container"
servers="$(echo $servers)"
case "$servers" in *worker-*) ;; *) fail "no worker container ran the jobs (job servers: ${servers:-none})";; esac
echo "compose-test: jobs ran on: $servers"
within 30 on_board || fail "the leaderboard does not show submission $id within 30 s"
before="$(scores)"
[ -n "$before" ] || fail "submission $id has no scores"
file_sha="$(sha256sum "$work/run.jsonl" | cut -d' ' -f1)"

phase "stop and start the stack: still there"
"${compose[@]}" stop >"$work/compose-stop.log" 2>&1 || fail "podman-compose stop"
"${compose[@]}" start >"$work/compose-start.log" 2>&1 || fail "podman-compose start"
stack_healthy
[ "$(state)" = Scored ] || fail "submission $id is $(state) after the restart, not Scored"
on_board || fail "the leaderboard lost submission $id after the restart"
[ "$(scores)" = "$before" ] || fail "the scores of submission $id changed across the restart"
podman exec "${project}_worker-2_1" sh -c 'sha256sum /data/uploads/*' | grep -q "^$file_sha " \
  || fail "the uploaded file is not in the shared volume after the restart (seen from worker-2)"
