#!/bin/sh
# A hard link can only name a file of the same filesystem (the /output volume): two names of one file.
echo "q1 a b c" > /output/run.txt
/bin/busybox ln /output/run.txt /output/again.txt
echo "linked"
