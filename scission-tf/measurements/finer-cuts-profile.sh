#!/bin/bash
# Profiles zoo models for the finer-cuts table (issue #14, docs/benchmarks.md "Finer partition points"): each model
# once under the finest rule the table uses (tensors:3), as two emulated resources on this machine, the demo's way:
#   device-1t  tier device, 1 intra-op thread
#   edge-2t    tier edge,   2 threads (on a 2-core machine the demo's cloud, "all cores", is the same setting, so
#              FinerCutsStudy reuses this profile as cloud-2t instead of profiling it again)
# Short settings: a fixed 5 timed passes (the paper's count) after 1 warm-up pass (which absorbs the per-unit session
# set-up of the first run).
#   S="java -jar scission-examples/target/scission.jar" scission-tf/measurements/finer-cuts-profile.sh DIR MODEL...
# RULE=scission profiles under another rule into DIR/<model>/<rule>/ instead (FinerCutsStudy then compares the best
# plans from those direct profiles with the ones it derives from the tensors:3 profiles).
# Run it under /work/tools/measure, a few models per call (each call must stay under 10 minutes).
set -e
dir=$1; shift
S=${S:-java -jar scission-examples/target/scission.jar}
RULE=${RULE:-tensors:3}
export TF_OVERRIDE_GLOBAL_THREADPOOL=1 TF_CPP_MIN_LOG_LEVEL=2
for m in "$@"; do
  key=$(echo "$m" | tr '[:upper:]' '[:lower:]')
  out="$dir/$key"
  [ "$RULE" = tensors:3 ] || out="$dir/$key/$RULE"
  mkdir -p "$out"
  echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): $m under $RULE"
  for r in device-1t:device:1 edge-2t:edge:2; do
    IFS=: read -r name tier threads <<< "$r"
    start=$(date +%s.%N)
    $S profile "$m" --resource "$name" --tier "$tier" --threads "$threads" --partition-rule "$RULE" \
        --repeats 5 --warmups 1 --hardware "EMULATED: this machine limited to $threads intra-op thread(s)" \
        -o "$out/$name.json" > "$out/$name.log" 2>&1
    echo "$m $name: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
  done
done
