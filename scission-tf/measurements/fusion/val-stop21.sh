#!/bin/bash
# Stop 21 (#12): D=/absolute/data/dir /work/tools/measure scission-tf/measurements/fusion/val-stop21.sh [MODELS] (build the jar first).
# Models given as arguments; top 3 on wired: profiles with --fusion then today's profiles, each validated
# (validate --repeats 10 --warmups 3, rounds default 5), one model after the other.
set -e
cd "$(dirname "$0")/../../.."   # the repository root
T=scission-examples/measurements/validation-table.py; J=scission-examples/target/scission.jar; D=${D:?set D to a data directory outside the repository (profiles, JSON, deployments)}
for M in "$@"; do
  k=$(echo $M | tr A-Z a-z)
  date -u
  python3 $T profile --jar $J --profiles $D/fused-profiles --models $M --budget 20 -- --fusion
  # each resource found its own crossed cuts: they must agree, else validate refuses the set
  rules=$(python3 -c "import json,sys; print(' '.join(sorted({json.load(open('$D/fused-profiles/$k/%s.json' % r))['model']['partitionRule'] for r in ('device','edge','cloud')})))")
  echo "fused rules of $M: $rules"
  python3 $T validate --jar $J --profiles $D/fused-profiles --out $D/fused-validate --models $M --networks wired --repeats 10 --warmups 3
  python3 $T profile --jar $J --profiles $D/plain-profiles --models $M --budget 20
  python3 $T validate --jar $J --profiles $D/plain-profiles --out $D/plain-validate --models $M --networks wired --repeats 10 --warmups 3
  date -u
done
