#!/bin/bash
# Stop 20, diagnosis 1: timelines of one segment + CPU/memory probes + /proc (Timeline.java), under measure.
cd "${DATA:-/work/h-accuracy2-data}"
export TF_CPP_MIN_LOG_LEVEL=2 TF_OVERRIDE_GLOBAL_THREADPOOL=1
CP="base/scission.jar:base/lib/*"
date -u
echo "== vgg16 device 1 thread"; java -cp "$CP" diag/Timeline.java diag/vgg16-device 1 110 2>/dev/null
echo "== r50 device 1 thread"; java -cp "$CP" diag/Timeline.java diag/r50-device 1 60 2>/dev/null
echo "== vgg16 device 2 threads"; java -cp "$CP" diag/Timeline.java diag/vgg16-device 2 45 2>/dev/null
date -u
