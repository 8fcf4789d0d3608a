#!/bin/bash
# Side by side, MobileNetV2 and ResNet50 on 1 thread: the profiler's block sum and whole model vs the exported
# whole-model segment run in-process with the profiler's session (prof) and TensorFlow's defaults (worker).
cd /work/h-accuracy-data
export TF_CPP_MIN_LOG_LEVEL=2
CP="before/scission.jar:before/lib/*:diag/classes"
date -u
for k in 1 2; do
  java -jar before/scission.jar profile MobileNetV2 --resource device --tier device --threads 1 -o diag/p-mnv2-$k.json 2>/dev/null | grep -i "whole model"
  TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/mnv2-device 1 prof 20 2>/dev/null
  TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/mnv2-device 1 worker 20 2>/dev/null
done
for k in 1 2; do
  java -jar before/scission.jar profile ResNet50 --resource device --tier device --threads 1 -o diag/p-r50-$k.json 2>/dev/null | grep -i "whole model"
  TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/r50-device 1 prof 10 2>/dev/null
  TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "$CP" Diag diag/r50-device 1 worker 10 2>/dev/null
done
date -u
