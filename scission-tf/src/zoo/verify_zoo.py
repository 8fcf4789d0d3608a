#!/usr/bin/python3
"""Verify the architectures written by record_zoo.py.

Checks, for each of the 18 models:
  * layer count            == Table I of the Scission paper (ResNet152V2: 566,
                              the paper's 556 is a typo);
  * total parameter count  == the well-known Keras Applications totals;
  * the original Scission tool's valid-split rule, run on the recorded JSON
    graph, gives exactly the blocks (input_layer, output_layer) stored in the
    tool's benchmark pickles, and 4*prod(output_shape[1:]) + 128 of each
    block's last layer equals the stored output_size;
  * partition points (#blocks - 1) == Table I;
  * the .json and .json.gz files hold the same text, and index.json agrees
    with the JSON layer list.
Then compares the recorded JSON layer for layer with the kotlindl reference
dumps written by tf.keras (keras_version 2.2.4-tf): mobilenet, densenet121,
xception, inception (required) and vgg, inceptionresnetv2, nasnetmobile
(optional, read from a kotlindl checkout when one is available), and the
MobileNetV2 body (order, names, classes, inbound nodes up to out_relu) with
the NSFWJS model (Keras 2.2.4, custom head) when it is available.

Prints a table and exits non-zero on any mismatch.

Usage: /usr/bin/python3 verify_zoo.py [--out DIR] [--dat-dir DIR]
           [--ref-dir DIR] [--extra-ref-dir DIR | --kotlindl-git DIR]
"""

import argparse
import collections
import glob
import gzip
import json
import os
import pickle
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# display name -> (key in the .dat files, Table I layers, Table I partition
# points, well-known Keras total params)
EXPECTED = collections.OrderedDict([
    ('Xception', ('xception', 134, 13, 22910480)),
    ('VGG16', ('vgg16', 23, 21, 138357544)),
    ('VGG19', ('vgg19', 26, 24, 143667240)),
    ('ResNet50', ('resnet50', 177, 23, 25636712)),
    ('ResNet101', ('resnet101', 347, 40, 44707176)),
    ('ResNet152', ('resnet152', 517, 57, 60419944)),
    ('ResNet50V2', ('resnet50v2', 192, 15, 25613800)),
    ('ResNet101V2', ('resnet101v2', 379, 15, 44675560)),
    ('ResNet152V2', ('resnet152v2', 566, 15, 60380648)),  # paper: 556 (typo)
    ('InceptionV3', ('inception_v3', 313, 18, 23851784)),
    ('InceptionResNetV2', ('inceptionresnet_v2', 782, 60, 55873736)),
    ('MobileNet', ('mobilenet', 93, 91, 4253864)),
    ('MobileNetV2', ('mobilenetv2', 157, 65, 3538984)),
    ('DenseNet121', ('densenet121', 429, 21, 8062504)),
    ('DenseNet169', ('densenet169', 597, 21, 14307880)),
    ('DenseNet201', ('densenet201', 709, 21, 20242984)),
    ('NASNetMobile', ('nasnetmobile', 771, 4, 5326716)),
    ('NASNetLarge', ('nasnetlarge', 1041, 4, 88949818)),
])

# reference file -> our key
REQUIRED_REFS = [('mobilenet.json', 'mobilenet'),
                 ('densenet121.json', 'densenet121'),
                 ('xception.json', 'xception'),
                 ('inception.json', 'inception_v3')]
EXTRA_REFS = [('vgg.json', 'vgg16'),
              ('inceptionresnetv2.json', 'inceptionresnet_v2'),
              ('nasnetmobile.json', 'nasnetmobile')]
KOTLINDL_PATH = 'examples/src/main/resources/models/imagenet/'

# Config keys that are expected to differ from a tf.keras dump, by design.
LAMBDA_MARKER_KEYS = ('function', 'function_type')

# Names in a reference file that were edited after tf.keras wrote it, so
# they are accepted (ref name -> our name) and reported.  keras_applications
# 1.0.8 (both the Debian package and the upstream 1.0.8 tag) and TF's later
# in-tree densenet.py name the stem 'conv1/conv', 'conv1/bn', 'conv1/relu';
# KotlinDL's own DenseNet121 example loads layer 'conv1_conv' from the h5
# path '/conv1/conv/conv1/conv/kernel:0', i.e. KotlinDL renamed it.
KNOWN_REFERENCE_EDITS = {
    'densenet121.json': {'conv1_conv': 'conv1/conv',
                         'conv1_bn': 'conv1/bn',
                         'conv1_relu': 'conv1/relu'},
}


class LayerBenchmark(object):
    """Stub for the original tool's pickled __main__.LayerBenchmark."""


def load_dat_blocks(dat_dir):
    """{model key: [(input_layer, output_layer, output_size), ...]}, checked
    to be identical in every .dat file."""
    import __main__
    __main__.LayerBenchmark = LayerBenchmark
    files = sorted(glob.glob(os.path.join(dat_dir, '*.dat')))
    if not files:
        raise SystemExit('no .dat files in %s' % dat_dir)
    blocks = None
    for path in files:
        with open(path, 'rb') as f:
            data = pickle.load(f)
        these = collections.OrderedDict(
            (k, [(b.input_layer, b.output_layer, b.output_size) for b in v])
            for k, v in data.items())
        if blocks is None:
            blocks = these
        elif these != blocks:
            raise SystemExit('block layouts differ between .dat files: %s'
                             % path)
    return blocks, files


def scission_blocks(layers):
    """The original tool's valid-split rule (create_valid_splits), on the
    JSON layer list in model.layers order, then its block construction."""
    consumers = collections.Counter()
    for layer in layers:
        for node in layer['inbound_nodes']:
            for entry in node:
                consumers[entry[0]] += 1
    splits = []
    counter = 0
    for i in range(1, len(layers)):
        layer = layers[i]
        fan_out = consumers[layer['name']]
        if fan_out > 1:
            counter += fan_out - 1
        if layer['inbound_nodes']:
            fan_in = len(layer['inbound_nodes'][0])
            if fan_in > 1:
                counter -= fan_in - 1
        if counter == 0:
            splits.append(i)
    blocks = []
    start = 0
    for s in splits:
        blocks.append((start, s))
        start = s + 1
    return blocks


def npy_size(shape):
    n = 1
    for d in shape[1:]:
        n *= d
    return 4 * n + 128


# ---------------------------------------------------------------------------
# Reference comparison
# ---------------------------------------------------------------------------

def _snake(name):
    s = re.sub('(.)([A-Z][a-z0-9]+)', r'\1_\2', name)
    return re.sub('([a-z])([A-Z])', r'\1_\2', s).lower()


def _auto_prefix(layer):
    return 'input' if layer['class_name'] == 'InputLayer' else _snake(
        layer['class_name'])


def _is_auto_name(name, prefix):
    return re.match('^%s(_[0-9]+)?$' % re.escape(prefix), name) is not None


def _counter(name, prefix):
    rest = name[len(prefix):]
    return int(rest[1:]) if rest else 0


def compare_to_reference(ref, ours, known_edits=None):
    """Return (problems, notes).  Auto-generated names may differ only by a
    consistent renaming of same-class auto names (ref -> ours); names listed
    in known_edits (ref -> ours) are accepted and reported."""
    problems, notes = [], []
    known_edits = known_edits or {}
    used_edits = []
    for key in ('class_name', 'keras_version', 'backend'):
        if ref.get(key) != ours.get(key):
            problems.append('top-level %s: ref %r, ours %r'
                            % (key, ref.get(key), ours.get(key)))
    rl, ol = ref['config']['layers'], ours['config']['layers']
    if ref['config']['name'] != ours['config']['name']:
        problems.append('model name: ref %r, ours %r'
                        % (ref['config']['name'], ours['config']['name']))
    if len(rl) != len(ol):
        problems.append('layer count: ref %d, ours %d' % (len(rl), len(ol)))
        return problems, notes

    rename = {}
    offsets = collections.defaultdict(set)
    for i, (r, o) in enumerate(zip(rl, ol)):
        if r['class_name'] != o['class_name']:
            problems.append('layer %d: class ref %s, ours %s'
                            % (i, r['class_name'], o['class_name']))
            continue
        if r['name'] != o['name']:
            prefix = _auto_prefix(r)
            if known_edits.get(r['name']) == o['name']:
                rename[r['name']] = o['name']
                used_edits.append('%d %s->%s' % (i, r['name'], o['name']))
            elif _is_auto_name(r['name'], prefix) and \
                    _is_auto_name(o['name'], prefix):
                rename[r['name']] = o['name']
                offsets[prefix].add(_counter(r['name'], prefix) -
                                    _counter(o['name'], prefix))
            else:
                problems.append('layer %d: name ref %r, ours %r'
                                % (i, r['name'], o['name']))
    if len(set(rename.values())) != len(rename):
        problems.append('auto-name renaming is not one-to-one')
    if used_edits:
        notes.append('accepted %d names edited in the reference (not what '
                     'keras_applications 1.0.8 builds): %s'
                     % (len(used_edits), ', '.join(used_edits)))
    n_auto = len(rename) - len(used_edits)
    if n_auto:
        notes.append('%d auto-generated names differ by a per-class counter '
                     'offset (ref - ours): %s' % (
                         n_auto, ', '.join(
                             '%s %s' % (p, '/'.join('%+d' % x
                                                    for x in sorted(v)))
                             for p, v in sorted(offsets.items()))))

    def tr(name):
        return rename.get(name, name)

    if list(ref) != list(ours) or list(ref['config']) != \
            list(ours['config']):
        problems.append('top-level key order: ref %s/%s, ours %s/%s' % (
            list(ref), list(ref['config']), list(ours), list(ours['config'])))
    config_diffs = collections.Counter()
    lambda_marked = 0
    for i, (r, o) in enumerate(zip(rl, ol)):
        if list(r) != list(o):
            problems.append('layer %d (%s): entry keys ref %s, ours %s'
                            % (i, o['name'], list(r), list(o)))
        r_in = [[[tr(e[0])] + e[1:] for e in node]
                for node in r['inbound_nodes']]
        if r_in != o['inbound_nodes']:
            problems.append('layer %d (%s): inbound ref %s, ours %s'
                            % (i, o['name'], r_in, o['inbound_nodes']))
        rc, oc = dict(r['config']), dict(o['config'])
        if 'name' in rc:
            rc['name'] = tr(rc['name'])
        if r['class_name'] == 'Lambda':
            lambda_marked += 1
            for key in LAMBDA_MARKER_KEYS:
                rc.pop(key, None)
                oc.pop(key, None)
        if list(rc) != list(oc):
            problems.append('layer %d (%s): config keys ref %s, ours %s'
                            % (i, o['name'], list(rc), list(oc)))
        for key in rc:
            if key in oc and rc[key] != oc[key]:
                config_diffs[(r['class_name'], key)] += 1
                if config_diffs[(r['class_name'], key)] == 1:
                    problems.append('layer %d (%s) config %s: ref %r, ours %r'
                                    % (i, o['name'], key, rc[key], oc[key]))
    for (cls, key), n in sorted(config_diffs.items()):
        if n > 1:
            problems.append('  ... %s.%s differs in %d layers' % (cls, key, n))
    if lambda_marked:
        notes.append('%d Lambda layers: function/function_type differ by '
                     'design (ref: marshalled Python bytecode, "lambda"; '
                     'ours: "scission:scaled_residual", "scission"); all '
                     'other Lambda keys equal' % lambda_marked)
    for key in ('input_layers', 'output_layers'):
        r_refs = [[tr(e[0])] + e[1:] for e in ref['config'][key]]
        if r_refs != ours['config'][key]:
            problems.append('%s: ref %s, ours %s'
                            % (key, ref['config'][key], ours['config'][key]))
    return problems, notes


def compare_topology_prefix(ref_layers, our_layers, count):
    """Order, names, classes and inbound nodes of the first `count` layers
    (for a reference that shares only the body of the network)."""
    problems = []
    for i in range(count):
        r, o = ref_layers[i], our_layers[i]
        for key in ('name', 'class_name', 'inbound_nodes'):
            if r[key] != o[key]:
                problems.append('layer %d %s: ref %r, ours %r'
                                % (i, key, r[key], o[key]))
    return problems


def load_extra_refs(args):
    """{file name: parsed JSON} for the optional kotlindl references."""
    found = {}
    for name, _ in EXTRA_REFS:
        if args.extra_ref_dir:
            path = os.path.join(args.extra_ref_dir, name)
            if os.path.exists(path):
                with open(path) as f:
                    found[name] = json.load(f)
        elif args.kotlindl_git and os.path.isdir(args.kotlindl_git):
            try:
                text = subprocess.check_output(
                    ['git', '--git-dir', args.kotlindl_git, 'show',
                     'HEAD:' + KOTLINDL_PATH + name],
                    stderr=subprocess.DEVNULL)
                found[name] = json.loads(text.decode('utf-8'))
            except (subprocess.CalledProcessError, OSError):
                pass
    return found


# ---------------------------------------------------------------------------

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--out', default=os.path.join(HERE, 'out'))
    p.add_argument('--dat-dir', default='/work/shared/scission-data')
    p.add_argument('--ref-dir', default='/work/shared/models/'
                   'kotlindl-keras-applications-json')
    p.add_argument('--extra-ref-dir', default=None,
                   help='directory holding vgg.json, inceptionresnetv2.json, '
                        'nasnetmobile.json from Kotlin/kotlindl')
    p.add_argument('--kotlindl-git', default='/work/.mirror/Kotlin+kotlindl/'
                   'repo', help='bare kotlindl git dir to read them from')
    p.add_argument('--nsfwjs-dir', default='/work/shared/models/'
                   'nsfwjs-mobilenetv2-tfjs-layers')
    args = p.parse_args(argv)

    failures = []
    with open(os.path.join(args.out, 'index.json')) as f:
        index = {m['display_name']: m for m in json.load(f)['models']}
    dat_blocks, dat_files = load_dat_blocks(args.dat_dir)
    if set(dat_blocks) != {v[0] for v in EXPECTED.values()}:
        failures.append('.dat model keys %s' % sorted(dat_blocks))

    recorded = {}
    rows = []
    for display, (key, t_layers, t_points, t_params) in EXPECTED.items():
        entry = index.get(display)
        if entry is None or entry['key'] != key:
            failures.append('%s: missing from index.json' % display)
            continue
        with open(os.path.join(args.out, key + '.json')) as f:
            text = f.read()
        with gzip.open(os.path.join(args.out, key + '.json.gz'), 'rt') as f:
            gz_text = f.read()
        model = json.loads(text)
        recorded[key] = model
        layers = model['config']['layers']
        ok = []

        ok.append(gz_text == text)
        if not ok[-1]:
            failures.append('%s: .json.gz differs from .json' % key)
        same_index = [l['name'] for l in layers] == \
            [l['name'] for l in entry['layers']] and \
            entry['num_layers'] == len(layers)
        ok.append(same_index)
        if not same_index:
            failures.append('%s: index.json layer list differs' % key)

        n_layers = len(layers)
        layers_ok = n_layers == t_layers
        params_ok = entry['total_params'] == t_params
        blocks = scission_blocks(layers)
        points = len(blocks) - 1
        points_ok = points == t_points
        stored = dat_blocks[key]
        layout_ok = blocks == [(a, b) for a, b, _ in stored]
        shapes = [l['output_shape'] for l in entry['layers']]
        sizes = [npy_size(shapes[b]) for _, b in blocks] if layout_ok else []
        sizes_ok = layout_ok and sizes == [s for _, _, s in stored]
        for what, good in (('layers %d != Table I %d'
                            % (n_layers, t_layers), layers_ok),
                           ('params %d != %d'
                            % (entry['total_params'], t_params), params_ok),
                           ('partition points %d != Table I %d'
                            % (points, t_points), points_ok),
                           ('block layout differs from .dat', layout_ok),
                           ('block output sizes differ from .dat', sizes_ok)):
            if not good:
                failures.append('%s: %s' % (display, what))
        if not layout_ok:
            got = ['%d-%d' % b for b in blocks]
            want = ['%d-%d' % (a, b) for a, b, _ in stored]
            first = next((i for i, (g, w) in enumerate(zip(got, want))
                          if g != w), min(len(got), len(want)))
            failures.append('  first difference at block %d: ours %s, '
                            '.dat %s' % (first, got[first:first + 3],
                                         want[first:first + 3]))
        rows.append((display, key, n_layers, t_layers, points, t_points,
                     entry['total_params'], t_params, len(blocks),
                     layout_ok, sizes_ok, all(ok)))

    def mark(flag):
        return 'ok' if flag else 'MISMATCH'

    print('Checked against %d .dat files in %s (identical block layouts)'
          % (len(dat_files), args.dat_dir))
    header = ('model', 'key', 'layers', 'TableI', 'points', 'TableI',
              'params', 'expected', 'blocks', '.dat layout', '.dat sizes',
              'files')
    fmt = '%-18s %-19s %6s %6s %6s %6s %11s %11s %6s %11s %10s %5s'
    print(fmt % header)
    for (display, key, nl, tl, pp, tp, pa, tpa, nb, lo, so, fo) in rows:
        print(fmt % (display, key, nl, tl, pp, tp, pa, tpa, nb, mark(lo),
                     mark(so), mark(fo)))
        if nl != tl or pp != tp or pa != tpa:
            print('%-18s ^^^ MISMATCH' % '')

    print()
    print('Layer-for-layer comparison with tf.keras (2.2.4-tf) reference '
          'JSONs:')
    refs = []
    for name, key in REQUIRED_REFS:
        path = os.path.join(args.ref_dir, name)
        with open(path) as f:
            refs.append((name, key, json.load(f), True))
    extras = load_extra_refs(args)
    for name, key in EXTRA_REFS:
        if name in extras:
            refs.append((name, key, extras[name], False))
        else:
            print('  %-24s skipped (not available; pass --extra-ref-dir)'
                  % name)
    for name, key, ref, required in refs:
        problems, notes = compare_to_reference(
            ref, recorded[key], KNOWN_REFERENCE_EDITS.get(name))
        status = ('DIFFERENT' if problems else
                  'MATCH (see notes)' if notes else 'IDENTICAL')
        print('  %-24s vs %-19s %4d layers: %s%s' % (
            name, key + '.json', len(ref['config']['layers']), status,
            '' if required else ' (extra)'))
        for n in notes:
            print('      note: ' + n)
        for prob in problems[:20]:
            print('      ' + prob)
        if len(problems) > 20:
            print('      ... %d more' % (len(problems) - 20))
        if problems:
            failures.append('%s differs from %s' % (key, name))

    # NSFWJS MobileNetV2 (Keras 2.2.4, tfjs layers format): same Keras
    # Applications body up to 'out_relu', custom classifier head after it.
    nsfw = os.path.join(args.nsfwjs_dir, 'model.json')
    if os.path.exists(nsfw):
        with open(nsfw) as f:
            topo = json.load(f)['modelTopology']
        ref_layers = topo['model_config']['config']['layers']
        ours = recorded['mobilenetv2']['config']['layers']
        body = 1 + next(i for i, l in enumerate(ours)
                        if l['name'] == 'out_relu')
        problems = compare_topology_prefix(ref_layers, ours, body)
        print('  %-24s vs %-19s body 0..%d (order/name/class/inbound, '
              'keras %s): %s (extra)' % (
                  'nsfwjs mobilenet_v2', 'mobilenetv2.json', body - 1,
                  topo.get('keras_version'),
                  'MATCH' if not problems else 'DIFFERENT'))
        for prob in problems[:20]:
            print('      ' + prob)
        if problems:
            failures.append('mobilenetv2 body differs from nsfwjs model')
    else:
        print('  %-24s skipped (not found)' % 'nsfwjs mobilenet_v2')

    print()
    if failures:
        print('FAILED (%d):' % len(failures))
        for f in failures:
            print('  ' + f)
        return 1
    print('ALL CHECKS PASSED')
    return 0


if __name__ == '__main__':
    sys.exit(main())
