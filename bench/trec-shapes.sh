#!/usr/bin/env bash
# Writes the qrels and runs of the eval benchmark's shapes (b)-(e) into DIR (seeded awk: the same files
# every time; shape (a) is the Benchmarks project's `generate`). See bench/README.md.
#   (b) 10,000 queries x 100 documents, every docno distinct, qrels judging every document (1-10 relevant)
#   (c) MS MARCO dev-shaped: 6,980 queries x 1,000 documents (6.98 million lines), 7-digit docnos, sparse
#       qrels (1 relevant per query, 2 for 1 in 15; the relevant one retrieved for 85 % of queries)
#   (d) 100,000 queries x 10 documents, distinct docnos, qrels judging every document (1-3 relevant)
#   (e) graded: as (b), judging every document 0-3
set -euo pipefail
dir=${1:?usage: trec-shapes.sh DIR}
mkdir -p "$dir"

# shape QUERIES DOCS JUDGE(all|sparse) GRADES NAME
shape() {
  awk -v Q="$1" -v D="$2" -v judge="$3" -v grades="$4" -v qrels="$dir/$5.qrels" -v run="$dir/$5.run" 'BEGIN {
    srand(20251202); n = 0
    for (q = 0; q < Q; q++) {
      qid = (judge == "sparse") ? 1000000 + q * 143 : sprintf("q%06d", q)
      relevant = 1 + int(rand() * (judge == "sparse" ? 1 : (D >= 100 ? 10 : 3)))
      if (judge == "sparse" && rand() < 1 / 15) relevant = 2
      score = 30
      hit = int(rand() * D / 0.85)
      for (d = 0; d < D; d++) {
        # distinct docnos: a bijection of the line number (7919 is prime to 8841823, the MS MARCO size)
        docno = (judge == "sparse") ? (n * 7919) % 8841823 : sprintf("doc%08d", (n * 7919) % 99999989)
        n++
        score -= rand() * 0.05
        printf "%s Q0 %s %d %.4f bench\n", qid, docno, d + 1, score > run
        if (judge == "all") {
          rel = grades > 1 ? int(rand() * (grades + 1)) : (rand() * D < relevant ? 1 : 0)
          printf "%s 0 %s %d\n", qid, docno, rel > qrels
        } else if (d == hit) {
          printf "%s 0 %s 1\n", qid, docno > qrels; relevant--
        }
      }
      # sparse: a relevant document the run did not retrieve
      while (judge == "sparse" && relevant-- > 0) printf "%s 0 %d 1\n", qid, 9000000 + q * 3 + relevant > qrels
    }
  }'
}

shape 10000 100 all 1 b
shape 6980 1000 sparse 1 c
shape 100000 10 all 1 d
shape 10000 100 all 3 e
