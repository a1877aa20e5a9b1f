#!/bin/sh
# The link one folder down, where a listing of the whole tree finds it.
/bin/busybox mkdir /output/ranking
/bin/busybox ln -s /tmp/leaderboard-test-secret/secret.txt /output/ranking/run.txt
echo "linked"
