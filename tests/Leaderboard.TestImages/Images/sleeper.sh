#!/bin/sh
echo "sleeping past any limit"
sleep 600
