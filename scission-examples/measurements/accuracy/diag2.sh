#!/bin/bash
# Stop 20, diagnosis 2: a longer timeline of ResNet50's whole model on 1 thread, to catch a slow phase with the probes.
cd "${DATA:-/work/h-accuracy2-data}"
export TF_CPP_MIN_LOG_LEVEL=2 TF_OVERRIDE_GLOBAL_THREADPOOL=1
CP="base/scission.jar:base/lib/*"
date -u
echo "== r50 device 1 thread"; java -cp "$CP" diag/Timeline.java diag/r50-device 1 210 2>/dev/null
date -u
