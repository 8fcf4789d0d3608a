#!/bin/bash
# Stop 21 (#12): D=/absolute/data/dir /work/tools/measure scission-tf/measurements/fusion/val-again-stop21.sh [MODELS] (build the jar first).
# VGG16 wired top 3 validated again from the same profiles: today's first, then --fusion's (reverse order).
set -e
cd "$(dirname "$0")/../../.."   # the repository root
T=scission-examples/measurements/validation-table.py; J=scission-examples/target/scission.jar; D=${D:?set D to a data directory outside the repository (profiles, JSON, deployments)}
date -u
python3 $T validate --jar $J --profiles $D/plain-profiles --out $D/plain-validate2 --models VGG16 --networks wired --repeats 10 --warmups 3
python3 $T validate --jar $J --profiles $D/fused-profiles --out $D/fused-validate2 --models VGG16 --networks wired --repeats 10 --warmups 3
date -u
