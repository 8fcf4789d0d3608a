#!/bin/bash
# Stop 21 (#12): D=/absolute/data/dir /work/tools/measure scission-tf/measurements/fusion/study-stop21.sh [MODELS] (build the jar first).
# VGG16's best --fusion plan on wired is one segment (the cloud, layers 0-22): time it as the profiler does (the
# model's graph, weights constants) and as the worker does (the exported SavedModel, weights variables), in today's
# session and TensorFlow's (--fusion), 2 threads then 1.
set -e
cd "$(dirname "$0")/../../.."   # the repository root
D=${D:?set D to a data directory outside the repository (profiles, JSON, deployments)}
date -u
rm -rf $D/vgg16-deploy
java -jar scission-examples/target/scission.jar export VGG16 --profiles $D/fused-profiles/vgg16 --preset wired -o $D/vgg16-deploy
python3 -c "import json; d=json.load(open('$D/vgg16-deploy/deployment.json')); print([(s['index'],s['firstLayer'],s['lastLayer'],s['resource']['name']) for s in d['segments']])"
scission-tf/measurements/study.sh DeployedSessionStudy zoo:vgg16 $D/vgg16-deploy 0 2 10
scission-tf/measurements/study.sh DeployedSessionStudy zoo:vgg16 $D/vgg16-deploy 0 1 5
date -u
