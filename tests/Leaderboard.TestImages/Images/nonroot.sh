#!/bin/sh
# user: 1000
# Runs as an unprivileged user, as many images do, and must still be able to write /output and /tmp.
echo "uid $(id -u 2>/dev/null || echo unknown)"
echo "scratch" > /tmp/scratch
cp /input/track.txt /output/not-a-run.txt
