#!/bin/sh
# A symbolic link to a file of the host (the test writes it there): read on the host, it would leak.
/bin/busybox ln -s /tmp/leaderboard-test-secret/secret.txt /output/run.txt
echo "linked"
