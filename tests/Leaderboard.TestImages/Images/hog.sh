#!/bin/sh
# Doubles a string until the memory limit stops it, printing each size it reached.
echo "allocating"
# exec: the kernel kills the largest process of the cgroup, and it must be the container's main one.
exec awk 'BEGIN { s = "x"; while (1) { s = s s; print length(s); fflush() } }'
