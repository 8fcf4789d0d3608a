#!/bin/bash
# Stop 20, after the table: how far results move between runs. One measure call per model:
# ResNet50's device profiled twice more (to other files), then validated again with the table's profiles, with
# --rounds 5 (the default) and --rounds 1 (the old back-to-back order); VGG16 validated again (--rounds 5).
cd "${DATA:-/work/h-accuracy2-data}"
J=new1
/work/tools/measure bash -c "date -u
for k in 2 3; do java -jar $J/scission.jar profile ResNet50 --resource device --tier device --threads 1 --hardware 'emulated device, 1 thread' -o again-profiles/resnet50-device-\$k.json --budget 20 2>/dev/null | tail -1; done
python3 validation-table.py validate --jar $J/scission.jar --profiles new1-profiles --out again-r5-json --models ResNet50 --networks 3g 4g wired --repeats 10 --warmups 3
python3 validation-table.py validate --jar $J/scission.jar --profiles new1-profiles --out again-r1-json --models ResNet50 --networks 3g 4g wired --repeats 10 --warmups 3 --rounds 1
date -u" > again-ResNet50.log 2>&1
/work/tools/measure bash -c "date -u
python3 validation-table.py validate --jar $J/scission.jar --profiles new1-profiles --out again-r5-json --models VGG16 --networks 3g 4g wired --repeats 10 --warmups 3
date -u" > again-VGG16.log 2>&1
