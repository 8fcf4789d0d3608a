#!/bin/bash
# Stop 21: how reproducible is a profile? ResNet50's device (1 thread), profiled back to back (--budget 20) and with
# the passes spread over a window (--budget 20 --window 60s), alternating, with a 12-s timeline of the exported
# device-only segment (Timeline.java, the profiler's session) after each profile. One measure call:
#   /work/tools/measure bash repro-stop21.sh   (from the data directory: JAR dir J with scission.jar and lib/, the
#   deployment diag/r50-device from `scission export ResNet50 --resources device -o diag/r50-device --no-verify`,
#   Timeline.java in diag/). Summarise with repro.py rep/.
cd "${DATA:-/work/h-accuracy4-data}"
J=${J:-w1}; CYCLES=${CYCLES:-4}; WINDOW=${WINDOW:-60s}
export TF_CPP_MIN_LOG_LEVEL=2
mkdir -p rep
timeline() {
  date -u +%T
  TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$J/scission.jar:$J/lib/*" diag/Timeline.java diag/r50-device 1 12 \
      2>/dev/null > rep/t-$1.txt
}
for k in $(seq 1 "$CYCLES"); do
  date -u +%T
  java -jar $J/scission.jar profile ResNet50 --resource device --tier device --threads 1 --budget 20 \
      -o rep/a$k.json 2>/dev/null | grep -E "Profiled|Whole"
  timeline a$k
  java -jar $J/scission.jar profile ResNet50 --resource device --tier device --threads 1 --budget 20 \
      --window "$WINDOW" -o rep/b$k.json 2>/dev/null | grep -E "Profiled|Whole"
  timeline b$k
done
date -u +%T
