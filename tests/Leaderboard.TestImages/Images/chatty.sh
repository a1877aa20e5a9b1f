#!/bin/sh
# Logs far more than the log cap, then ranks nothing.
i=0
while [ $i -lt 20000 ]; do echo "line $i of a very chatty container log"; i=$((i + 1)); done
exit 3
