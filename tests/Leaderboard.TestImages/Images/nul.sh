#!/bin/sh
# Prints a NUL byte on both streams (PostgreSQL refuses it in text), then ranks nothing.
printf 'before\000after\n'
printf 'error\000\n' >&2
exit 5
