#!/bin/sh
# Writes far more than the output limit.
dd if=/dev/zero of=/output/run.txt bs=1048576 count=64
echo "dd exited $?"
