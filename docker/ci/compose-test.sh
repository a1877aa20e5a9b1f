#!/usr/bin/env bash
# CI test of docker/: the image builds (on local stand-ins of the base images), the compose stack runs,
# /health answers, a team created with the CLI inside the web container uploads a run, a worker container
# scores it, the leaderboard shows it, and after the stack is stopped and started again the submission and
# its scores are still there. Needs root, podman (runc), podman-compose, debootstrap, curl. Exit 0: passed.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${WEB_PORT:-18080}"
project=leaderboard-ci
base="http://127.0.0.1:$port"

# runc (crun fails on this machine's cgroups) and no ulimits, for podman and for podman-compose's podman.
conf="$(mktemp)"
printf '[containers]\ndefault_ulimits = []\n[engine]\nruntime = "runc"\n' > "$conf"
export CONTAINERS_CONF="$conf"

step() { echo "compose-test: $*"; }
fail() { echo "compose-test: FAILED: $*" >&2; exit 1; }

step "base image stand-ins"
bash docker/ci/standins.sh >/dev/null
export SDK_IMAGE=localhost/dotnet-sdk:10.0 RUNTIME_IMAGE=localhost/dotnet-aspnet:10.0 POSTGRES_IMAGE=localhost/postgres:15
export LEADERBOARD_IMAGE=localhost/leaderboard:ci WEB_PORT="$port" ORGANIZER_PASSWORD="ci organizer passphrase" RUN_BASELINES=false

step "image build"
# --format docker keeps the HEALTHCHECK (OCI images drop it); --network host reaches the NuGet source.
start=$(date +%s)
podman build --format docker --network host \
  --build-arg SDK_IMAGE="$SDK_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" \
  -f docker/Dockerfile -t "$LEADERBOARD_IMAGE" . >/tmp/leaderboard-image-build.log 2>&1 \
  || { tail -40 /tmp/leaderboard-image-build.log; fail "image build"; }
step "image built in $(( $(date +%s) - start )) s"

compose=(podman-compose -p "$project" -f docker/compose.yaml)
cleanup() { "${compose[@]}" down -v >/dev/null 2>&1 || true; rm -f "$conf"; }
trap cleanup EXIT
"${compose[@]}" down -v >/dev/null 2>&1 || true

wait_for() { # seconds, description, command...
  local deadline=$(( $(date +%s) + $1 )) what="$2"; shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what"
    sleep 2
  done
}
status_of() { curl -fsS "$base/api/v1/submissions/$1" | sed -n 's/.*"status":"\([A-Za-z]*\)".*/\1/p'; }
on_board() { curl -fsS "$base/api/v1/leaderboards/query-only?view=all" | grep -q "\"submission_id\":$1[,}]"; }

step "stack up"
"${compose[@]}" up -d --no-build >/tmp/leaderboard-compose.log 2>&1 || { cat /tmp/leaderboard-compose.log; fail "compose up"; }
wait_for 180 "/health did not answer within 180 s" curl -fsS "$base/health"
wait_for 60 "/health/ready is not 200" curl -fsS "$base/health/ready"
web="${project}_web_1"
podman healthcheck run "$web" || fail "the web container's HEALTHCHECK fails"
wait_for 90 "worker-1's HEALTHCHECK fails" podman healthcheck run "${project}_worker-1_1"
wait_for 90 "worker-2's HEALTHCHECK fails" podman healthcheck run "${project}_worker-2_1"

step "team by the CLI in the container, upload, scored by a worker"
token="$(podman exec "$web" /app/entrypoint.sh leaderboard team create --name "Compose CI" --data-dir /data | sed -n 's/^API token.*: //p')"
[ -n "$token" ] || fail "the CLI printed no token"
podman exec "$web" /app/entrypoint.sh leaderboard baseline popularity --benchmark musicrs --out /tmp/run.jsonl
run="$(mktemp)"
podman exec "$web" cat /tmp/run.jsonl > "$run"
id="$(curl -fsS -H "Authorization: Bearer $token" -F track=query-only -F method=Compose -F "file=@$run;filename=run.jsonl" "$base/api/v1/submissions" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')"
[ -n "$id" ] || fail "the upload was not accepted"
wait_for 180 "submission $id not Scored within 180 s (status: $(status_of "$id"))" test "$(status_of "$id")" = Scored
scored_by="$(podman exec "${project}_postgres_1" psql -U leaderboard -d leaderboard -At -c \
  "SELECT DISTINCT split_part(data::jsonb->>'ServerId', ':', 1) FROM hangfire.state WHERE name = 'Processing'" | tr '\n' ' ')"
case "$scored_by" in *worker-*) ;; *) fail "no worker container ran the jobs (servers: $scored_by)";; esac
step "scored by: $scored_by"
wait_for 30 "the leaderboard does not show submission $id" on_board "$id"
scores="$(curl -fsS "$base/api/v1/submissions/$id" | sed -n 's/.*"recall_20":{"mean":\([0-9.]*\).*/\1/p')"

step "stop and start the stack"
"${compose[@]}" stop >/dev/null 2>&1
"${compose[@]}" start >/dev/null 2>&1
wait_for 180 "/health did not answer after the restart" curl -fsS "$base/health"
[ "$(status_of "$id")" = Scored ] || fail "submission $id is not Scored after the restart"
on_board "$id" || fail "the leaderboard lost submission $id after the restart"
after="$(curl -fsS "$base/api/v1/submissions/$id" | sed -n 's/.*"recall_20":{"mean":\([0-9.]*\).*/\1/p')"
[ "$scores" = "$after" ] || fail "scores changed across the restart ($scores, then $after)"
step "passed"
