#!/bin/sh
# Exits 0 only if some address answered; else says so, lists its interfaces and exits 42.
for address in http://1.1.1.1/ http://10.0.2.2/ http://192.168.1.1/ http://example.org/; do
  if wget -q -T 2 -O /tmp/page "$address"; then
    echo "REACHED $address"
    exit 0
  fi
done
echo "no network"
cat /proc/net/dev
exit 42
