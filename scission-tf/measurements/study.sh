#!/bin/bash
# Runs a methodology study (a main class in the test sources) with the TF environment the profiler expects.
#   scission-tf/measurements/study.sh TimingStudy zoo:mobilenet            (zoo:resnet50, zoo:vgg16, or a model path)
#   JAVA_OPTS="-Dpairs=true -Drepeats=30" scission-tf/measurements/study.sh TimingStudy path/to/DS_CNN_L.pb Mfcc:0
#   scission-tf/measurements/study.sh RunCostStudy
# Prints the date and the load average first: on a shared machine, compare only runs made at similar load.
set -e
cd "$(dirname "$0")/../.."
cls=$1; shift
mvn -B -q -pl scission-tf -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/scission-tf/target/study-classpath.txt" > /dev/null
export TF_CPP_MIN_LOG_LEVEL=2 TF_OVERRIDE_GLOBAL_THREADPOOL=1
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): $cls $* $JAVA_OPTS"
exec java -Xmx8g $JAVA_OPTS \
    -cp "scission-tf/target/test-classes:scission-tf/target/classes:$(cat scission-tf/target/study-classpath.txt)" \
    "io.scission.tf.$cls" "$@"
