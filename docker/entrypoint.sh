#!/bin/sh
# The image's roles: web (default), worker, leaderboard (the CLI), and health (for HEALTHCHECK: checks
# whichever role this container was started with).
set -eu
role="${1:-web}"
[ $# -gt 0 ] && shift
case "$role" in
  web)
    echo web > /tmp/leaderboard-role
    cd /app/web
    exec dotnet Leaderboard.Web.dll "$@" ;;
  worker)
    echo worker > /tmp/leaderboard-role
    cd /app/worker
    exec dotnet Leaderboard.Worker.dll "$@" ;;
  leaderboard)
    exec dotnet /app/cli/leaderboard.dll "$@" ;;
  health)
    if [ "$(cat /tmp/leaderboard-role 2>/dev/null)" = worker ]; then
      cd /app/worker
      exec dotnet Leaderboard.Worker.dll health
    fi
    # No curl or wget in the runtime image: bash's /dev/tcp speaks enough HTTP for one status line.
    port="${ASPNETCORE_HTTP_PORTS:-8080}"
    exec bash -c 'exec 3<>"/dev/tcp/127.0.0.1/${0%%[;,]*}" \
      && printf "GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 \
      && head -n 1 <&3 | grep -q " 200 "' "$port" ;;
  *)
    echo "usage: web | worker | leaderboard ARGS... | health" >&2
    exit 2 ;;
esac
