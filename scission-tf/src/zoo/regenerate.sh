#!/usr/bin/env bash
# Regenerates the zoo resources of scission-tf from keras_applications 1.0.8 and checks them.
# Needs: apt-get install python3-keras-applications python3-numpy (no TensorFlow, no network).
# Writes:  src/main/resources/io/scission/tf/zoo/<key>.json.gz   (the 18 architectures)
#          src/test/resources/io/scission/tf/zoo/index.json.gz   (Python-side shapes and params, for tests)
# Then runs verify_zoo.py against ../shared (the .dat pickles and the reference JSONs); exit 1 on a mismatch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../.." && pwd)
shared=""
d="$module"
while [ "$d" != "/" ]; do
  if [ -d "$d/shared/scission-data" ]; then shared="$d/shared"; break; fi
  d=$(dirname "$d")
done
[ -n "$shared" ] || { echo "no shared/ folder above $module" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 "$here/record_zoo.py" --out "$out"
/usr/bin/python3 "$here/verify_zoo.py" --out "$out" --dat-dir "$shared/scission-data" \
  --ref-dir "$shared/models/kotlindl-keras-applications-json" \
  --nsfwjs-dir "$shared/models/nsfwjs-mobilenetv2-tfjs-layers"
cp "$out"/*.json.gz "$module/src/main/resources/io/scission/tf/zoo/"
gzip -n -9 -c "$out/index.json" > "$module/src/test/resources/io/scission/tf/zoo/index.json.gz"
echo "resources updated; git diff shows what changed"
