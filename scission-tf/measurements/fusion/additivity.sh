#!/bin/bash
# Additivity of today's profile (fusion NONE: Grappler's remapper and arithmetic rewrites off, the paper's blocks)
# against a fusion-aware one (fusion DEFAULT: TensorFlow's rewrites on, blocks merged across the cuts they cross,
# `scission profile --fusion`), one AdditivityIT run each, at one thread count. Run under /work/tools/measure:
#   /work/tools/measure scission-tf/measurements/fusion/additivity.sh 1 /work/h-fusion-data [models]
# Reports: OUT/t<threads>-none/report.md and OUT/t<threads>-default/report.md (with each profile's JSON).
# FUSIONS="DEFAULT" runs only --fusion's timing. zoo-table.py prints both reports side by side.
set -e
cd "$(dirname "$0")/../../.."
threads=$1; out=$2; models=${3:-mobilenetv2,resnet50,densenet121}
for fusion in ${FUSIONS:-NONE DEFAULT}; do
    dir="$out/t$threads-$(echo $fusion | tr A-Z a-z)"
    echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): fusion $fusion, $threads thread(s), $models"
    mvn -B -q -o -pl scission-tf -am verify -Pslow -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=AdditivityIT -Dmaven.javadoc.skip=true \
        -Dmaven.source.skip=true -Dscission.additivity.models="$models" -Dscission.additivity.threads="$threads" \
        -Dscission.additivity.fusion=$fusion -Dscission.additivity.out="$dir" > "$dir.log" 2>&1 \
        || { tail -40 "$dir.log"; exit 1; }
    cat "$dir/report.md"
done
