#!/bin/bash
# Stop 21: the 45-plan table, every model's device profile spread over a window (profile --window). Per model one
# measure call: profile the three resources (--budget 20; the device, 1 thread, with --window $WINDOW), then validate
# the three networks (validate's defaults: --rounds 5; --repeats 10 --warmups 3). The jar J/scission.jar (with lib/)
# is built before (BUILD=1: inside the first measure call, from the clone $SRC, when no heavy build can get in).
# A call that gets the lock after $LAST (UTC, HH:MM) measures nothing: no new measurement after the wave's deadline.
cd "${DATA:-/work/h-accuracy4-data}"
J=${J:-t1}; P=${P:-t1-profiles}; O=${O:-t1-json}; WINDOW=${WINDOW:-60s}; LAST=${LAST:-20:15}
SRC=${SRC:-/work/h-accuracy4}
T=$SRC/scission-examples/measurements/validation-table.py
for m in "$@"; do
  /work/tools/measure bash -c "
    now=\$(date -u +%H:%M); if [[ \"\$now\" > \"$LAST\" ]]; then echo \"\$now: after $LAST, $m not measured\"; exit 3; fi
    date -u
    if [ \"${BUILD:-0}\" = 1 ] && [ ! -f $J/scission.jar ]; then
      (cd $SRC && mvn -B -o -q package -pl scission-examples -am -DskipTests -Djacoco.skip=true) || exit 4
      mkdir -p $J && cp -r $SRC/scission-examples/target/scission.jar $SRC/scission-examples/target/lib $J/
      date -u
    fi
    python3 $T profile --jar $J/scission.jar --profiles $P --models $m --budget 20 --window $WINDOW \
        --window-resources device &&
    python3 $T validate --jar $J/scission.jar --profiles $P --out $O --models $m --networks 3g 4g wired \
        --repeats 10 --warmups 3
    date -u" > $O-$m.log 2>&1
done
