#!/bin/bash
# Stop 21 (#12, copies): DATA=/absolute/data/dir J=DIR /work/tools/measure scission-examples/measurements/accuracy/copies-stop21.sh MODELS
# One measure call: the hop probe over sizes around 64 KiB (HopSizes.java), then per model profile the three resources
# and validate the three networks (as run-stop20.sh). J is a directory holding scission.jar and lib/ (a copy of
# scission-examples/target's), relative to DATA; P and O name the profile and JSON directories inside DATA.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
cd "${DATA:?set DATA to a data directory outside the repository}"
J=${J:-new}; P=${P:-profiles}; O=${O:-json}
T=$HERE/../validation-table.py
date -u
java -cp "$J/scission.jar:$J/lib/*" "$HERE/HopSizes.java" 2 > hopsizes.txt 2>&1
date -u
for m in "$@"; do
  python3 "$T" profile --jar $J/scission.jar --profiles $P --models $m --budget 20
  python3 "$T" validate --jar $J/scission.jar --profiles $P --out $O --models $m --networks 3g 4g wired --repeats 10 --warmups 3
  date -u
done
