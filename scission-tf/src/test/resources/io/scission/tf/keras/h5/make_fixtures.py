#!/usr/bin/python3
"""Writes the small HDF5 fixtures of Hdf5ReaderTest with h5py (Debian bookworm: apt-get install python3-h5py,
h5py 3.7.0 on HDF5 1.10.8), the way Keras 2 lays out its files:

  dense10.json          the architecture (model.to_json() of a Sequential of 10 Dense(4) layers on input (None, 4))
  dense10_gzip.h5       its weights as save_weights() writes them, every dataset chunked and gzip-compressed
                        (with the shuffle filter), default file format
  dense10_latest.h5     the whole model as model.save() writes it (model_config and model_weights), with
                        libver='latest': groups of more than 8 links and objects of more than 8 attributes use
                        dense storage (fractal heaps), which is what h5py does for big Keras models

Every weight's values are known: layer k (1..10), kernel[i][j] = k + (4 * i + j) / 100, bias[j] = -k - j / 10.
Run from this directory: /usr/bin/python3 make_fixtures.py
"""
import json

import h5py
import numpy as np

LAYERS = 10


def kernel(k):
    return (k + np.arange(16, dtype=np.float32).reshape(4, 4) / 100).astype(np.float32)


def bias(k):
    return (-k - np.arange(4, dtype=np.float32) / 10).astype(np.float32)


def architecture():
    layers = [{"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "dtype": "float32",
                                                        "name": "x"}}]
    for k in range(1, LAYERS + 1):
        layers.append({"class_name": "Dense", "config": {"name": "dense_%d" % k, "units": 4,
                                                         "activation": "relu", "use_bias": True}})
    return {"class_name": "Sequential", "keras_version": "2.4.0", "backend": "tensorflow",
            "config": {"name": "dense10", "layers": layers}}


def write_weights(group, **dataset_options):
    names = ["dense_%d" % k for k in range(1, LAYERS + 1)]
    group.attrs["layer_names"] = np.array([n.encode() for n in names])
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = b"2.4.0"
    for k, name in enumerate(names, start=1):
        g = group.create_group(name)
        weights = [name + "/kernel:0", name + "/bias:0"]
        g.attrs["weight_names"] = np.array([w.encode() for w in weights])
        g.create_dataset(weights[0], data=kernel(k), **dataset_options)
        g.create_dataset(weights[1], data=bias(k), **dataset_options)


with open("dense10.json", "w") as f:
    json.dump(architecture(), f, indent=1)

with h5py.File("dense10_gzip.h5", "w") as f:
    write_weights(f, chunks=True, compression="gzip", compression_opts=6, shuffle=True)

with h5py.File("dense10_latest.h5", "w", libver="latest") as f:
    f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": architecture()["config"]}).encode()
    f.attrs["keras_version"] = b"2.4.0"
    f.attrs["backend"] = b"tensorflow"
    for i in range(8):  # more than 8 attributes: dense attribute storage, as a big model_config gets
        f.attrs["scission_fixture_note_%d" % i] = b"padding to force dense attribute storage"
    write_weights(f.create_group("model_weights"))
