#!/bin/sh
echo "this is not a ranking" > /output/run.txt
echo "neither is this" >> /output/run.txt
