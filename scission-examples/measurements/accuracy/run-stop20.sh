#!/bin/bash
# Stop 20: per model one measure call: profile the three resources, then validate the three networks (interleaved,
# validate's default --rounds 5) right after.
cd "${DATA:-/work/h-accuracy2-data}"
J=${J:-new1}; P=${P:-new1-profiles}; O=${O:-new1-json}
for m in "$@"; do
  /work/tools/measure bash -c "date -u; python3 validation-table.py profile --jar $J/scission.jar --profiles $P --models $m --budget 20 && python3 validation-table.py validate --jar $J/scission.jar --profiles $P --out $O --models $m --networks 3g 4g wired --repeats 10 --warmups 3; date -u" > $O-$m.log 2>&1
done
