#!/bin/sh
# Ranks every pool in its released order: a valid run of the whole track, written as JSON Lines.
# It first works for a few seconds, as real rankers do, so that pages can be seen following a run live.
sleep 3
echo "track: $(cat /input/track.txt)"
awk '{
  match($0, /"conversation_id":"[^"]*"/)
  id = substr($0, RSTART + 19, RLENGTH - 20)
  out = "{\"conversation_id\":\"" id "\",\"ranking\":["
  sep = ""
  rest = $0
  while (match(rest, /\{"id":"c[0-9]+"/)) {
    out = out sep "\"" substr(rest, RSTART + 7, RLENGTH - 8) "\""
    sep = ","
    rest = substr(rest, RSTART + RLENGTH)
  }
  print out "]}"
}' /input/candidates.jsonl > /output/run.jsonl
echo "ranked $(wc -l < /output/run.jsonl) conversations"
