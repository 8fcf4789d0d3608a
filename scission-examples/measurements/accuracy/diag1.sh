#!/bin/bash
# Diagnosis 1: one exported segment in-process under the worker's vs the profiler's session config.
set -e
cd /work/h-accuracy-data
B=before
CP="$B/scission.jar:$B/lib/*:diag/classes"
export TF_CPP_MIN_LOG_LEVEL=2
date -u
for m in worker prof nofuse caller; do
  TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/mnv2-device 1 $m 20
done
for m in worker prof nofuse caller; do
  TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/vgg16-cloud 2 $m 10
done
TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/vgg16-cloud 1 worker 10
TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/vgg16-cloud 1 prof 10
java -cp "$CP" Diag diag/vgg16-cloud 2 worker 10
date -u
