#!/bin/sh
# A named pipe with no writer: opening it for reading blocks until someone writes.
/bin/busybox mkfifo /output/run.txt
echo "made a fifo"
