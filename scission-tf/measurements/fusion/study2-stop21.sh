#!/bin/bash
# Stop 21 (#12): D=/absolute/data/dir /work/tools/measure scission-tf/measurements/fusion/study2-stop21.sh [MODELS] (build the jar first).
# VGG16's one-segment fused deployment: runs from one thread against runs each from a new thread, per session.
set -e
cd "$(dirname "$0")/../../.."   # the repository root
D=${D:?set D to a data directory outside the repository (profiles, JSON, deployments)}
JAVA_OPTS="-Dthreads=true" scission-tf/measurements/study.sh DeployedSessionStudy zoo:vgg16 $D/vgg16-deploy 0 2 8
date -u
