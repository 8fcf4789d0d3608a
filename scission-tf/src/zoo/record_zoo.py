#!/usr/bin/python3
"""Record the 18 Keras Applications architectures of the Scission paper as
Keras ``model.to_json()``-style files, without TensorFlow.

The model-building code is the real ``keras_applications`` 1.0.8 package
(Debian ``python3-keras-applications``), the package that TF 2.0/2.1's
``tf.keras.applications`` wrapped.  Its model functions take the Keras
modules as arguments (``backend=``, ``layers=``, ``models=``, ``utils=``), so
this script passes them a small symbolic Keras written here:

* tensors carry only a static shape (channels_last, batch ``None``) and their
  Keras history (layer, node index, tensor index);
* every layer records its constructor arguments, writes the config keys that
  TF 2.0/2.1 Keras (``keras_version`` "2.2.4-tf") writes for that class, in
  the same order and with the same defaults, infers its output shape and
  counts its weights the way ``Layer.count_params()`` does;
* ``Model`` orders its layers like Keras's ``_map_graph_network``, and names
  auto-named layers like tf.keras (``input_1`` for inputs, then zero-based
  ``conv2d``, ``conv2d_1`` ... for other classes, counters reset per model
  as ``K.clear_session()`` does between the original tool's models).

Usage:  /usr/bin/python3 record_zoo.py [--out DIR] [--only KEY ...]

Writes ``<key>.json`` (compact), ``<key>.json.gz`` and ``index.json``.
Only the standard library and numpy are used.
"""

import argparse
import collections
import contextlib
import gzip
import json
import os
import re
import sys
import time
import types

import numpy as np

KERAS_VERSION = '2.2.4-tf'
BACKEND_NAME = 'tensorflow'

# Marker written into the Lambda configs of InceptionResNetV2 (see README).
SCALED_RESIDUAL_FUNCTION = 'scission:scaled_residual'
SCALED_RESIDUAL_FUNCTION_TYPE = 'scission'


# ---------------------------------------------------------------------------
# Session state (what K.clear_session() resets in tf.keras)
# ---------------------------------------------------------------------------

class _Session(object):
    def __init__(self):
        self.uids = collections.defaultdict(int)
        self.image_data_format = 'channels_last'


_SESSION = _Session()


def clear_session():
    """Reset the name counters, as ``tf.keras.backend.clear_session()``."""
    global _SESSION
    _SESSION = _Session()


def _get_uid(prefix):
    """One-based counter, used by tf.keras for ``input_N`` names."""
    _SESSION.uids[('uid', prefix)] += 1
    return _SESSION.uids[('uid', prefix)]


def _unique_object_name(base):
    """Zero-based counter, used by tf.keras for all other layer names."""
    key = ('obj', base)
    number = _SESSION.uids[key]
    _SESSION.uids[key] += 1
    return base if number == 0 else '%s_%d' % (base, number)


def _to_snake_case(name):
    intermediate = re.sub('(.)([A-Z][a-z0-9]+)', r'\1_\2', name)
    insecure = re.sub('([a-z])([A-Z])', r'\1_\2', intermediate).lower()
    return insecure if insecure[0] != '_' else 'private' + insecure


# ---------------------------------------------------------------------------
# Symbolic tensors and nodes
# ---------------------------------------------------------------------------

class KerasTensor(object):
    """A symbolic tensor: a static shape plus its Keras history."""

    def __init__(self, shape, layer, node_index, tensor_index):
        self.shape = tuple(shape)
        self._keras_history = (layer, node_index, tensor_index)

    def __repr__(self):
        return '<KerasTensor %s from %s>' % (self.shape,
                                              self._keras_history[0].name)


class Node(object):
    """One call of a layer: its input tensors and output tensors."""

    def __init__(self, outbound_layer, input_tensors, output_tensors):
        self.outbound_layer = outbound_layer
        self.input_tensors = list(input_tensors)
        self.output_tensors = list(output_tensors)
        self.inbound_layers = [t._keras_history[0] for t in input_tensors]
        self.node_indices = [t._keras_history[1] for t in input_tensors]
        self.tensor_indices = [t._keras_history[2] for t in input_tensors]
        # Keras appends the node once per inbound tensor.
        for layer in self.inbound_layers:
            layer._outbound_nodes.append(self)
        outbound_layer._inbound_nodes.append(self)

    def iterate_inbound(self):
        return zip(self.inbound_layers, self.node_indices,
                   self.tensor_indices, self.input_tensors)


# ---------------------------------------------------------------------------
# Helpers for argument normalisation and serialisation
# ---------------------------------------------------------------------------

def _int_tuple(value, n, what):
    if isinstance(value, (int, np.integer)):
        return (int(value),) * n
    value = tuple(int(v) for v in value)
    if len(value) != n:
        raise ValueError('%s must have %d elements, got %r' % (what, n, value))
    return value


def _padding_mode(value):
    value = value.lower()
    if value not in ('valid', 'same'):
        raise ValueError('unsupported padding %r' % value)
    return value


def _data_format(value):
    value = value or _SESSION.image_data_format
    if value != 'channels_last':
        raise ValueError('only channels_last is supported, got %r' % value)
    return value


def _pairs(value, what):
    """ZeroPadding2D/Cropping2D argument -> ((top, bottom), (left, right))."""
    if isinstance(value, (int, np.integer)):
        return ((int(value), int(value)), (int(value), int(value)))
    value = tuple(value)
    if len(value) != 2:
        raise ValueError('%s must have 2 elements, got %r' % (what, value))
    out = []
    for v in value:
        if isinstance(v, (int, np.integer)):
            out.append((int(v), int(v)))
        else:
            v = tuple(int(x) for x in v)
            if len(v) != 2:
                raise ValueError('bad %s %r' % (what, value))
            out.append(v)
    return tuple(out)


_INITIALIZERS = {
    'glorot_uniform': ('GlorotUniform', (('seed', None),)),
    'zeros': ('Zeros', ()),
    'ones': ('Ones', ()),
    # tf.keras 2.x: he_normal = VarianceScaling(2.0, fan_in, truncated_normal)
    'he_normal': ('VarianceScaling', (('scale', 2.0), ('mode', 'fan_in'),
                                      ('distribution', 'truncated_normal'),
                                      ('seed', None))),
}


def _initializer(name):
    if name not in _INITIALIZERS:
        raise ValueError('unsupported initializer %r' % (name,))
    class_name, config = _INITIALIZERS[name]
    return collections.OrderedDict(
        [('class_name', class_name),
         ('config', collections.OrderedDict(config))])


def _none_only(**kwargs):
    for key, value in kwargs.items():
        if value is not None:
            raise ValueError('%s=%r is not supported' % (key, value))


_ACTIVATIONS = ('linear', 'relu', 'softmax', 'sigmoid', 'tanh', 'elu',
                'selu', 'softplus', 'softsign', 'hard_sigmoid', 'exponential')


def _activation(value):
    value = 'linear' if value is None else value
    if value not in _ACTIVATIONS:
        raise ValueError('unsupported activation %r' % (value,))
    return value


def _conv_length(length, kernel, padding, stride, dilation=1):
    if length is None:
        return None
    dilated = kernel + (kernel - 1) * (dilation - 1)
    if padding == 'same':
        out = length
    else:
        out = length - dilated + 1
    if out <= 0:
        raise ValueError('non-positive output length')
    return (out + stride - 1) // stride


def _prod(values):
    result = 1
    for v in values:
        result *= v
    return result


# ---------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------

class Layer(object):
    """Base layer: naming, calling (node creation), base config."""

    def __init__(self, name=None, trainable=True, dtype=None):
        if name:
            self.name = name
        else:
            self.name = _unique_object_name(
                _to_snake_case(type(self).__name__))
        self.trainable = trainable
        self.dtype = dtype or 'float32'
        self._inbound_nodes = []
        self._outbound_nodes = []
        self.built = False
        self.params = 0
        self.trainable_params = 0

    # -- to be overridden ---------------------------------------------------
    def build(self, input_shape):
        pass

    def compute_output_shape(self, input_shape):
        return input_shape

    def _config(self):
        return []

    # -- common -------------------------------------------------------------
    def __call__(self, inputs):
        is_list = isinstance(inputs, (list, tuple))
        tensors = list(inputs) if is_list else [inputs]
        for t in tensors:
            if not isinstance(t, KerasTensor):
                raise TypeError('%s called on a non-Keras tensor %r'
                                % (self.name, t))
        shapes = [t.shape for t in tensors]
        shape_arg = shapes if is_list else shapes[0]
        if not self.built:
            self.build(shape_arg)
            self.built = True
        output_shape = tuple(self.compute_output_shape(shape_arg))
        output = KerasTensor(output_shape, self, len(self._inbound_nodes), 0)
        Node(self, tensors, [output])
        return output

    def get_config(self):
        config = collections.OrderedDict([('name', self.name),
                                          ('trainable', self.trainable),
                                          ('dtype', self.dtype)])
        for key, value in self._config():
            config[key] = value
        return config

    @property
    def output_shape(self):
        return self._inbound_nodes[0].output_tensors[0].shape

    def _set_params(self, *weights):
        """weights: (count, trainable) pairs, as the layer's variables."""
        self.params = sum(count for count, _ in weights)
        self.trainable_params = sum(count for count, tr in weights if tr)


class InputLayer(Layer):
    def __init__(self, input_shape=None, batch_size=None, dtype=None,
                 sparse=False, name=None, batch_input_shape=None):
        if not name:
            name = 'input_%d' % _get_uid('input')
        Layer.__init__(self, name=name, trainable=True, dtype=dtype)
        if batch_input_shape is None:
            batch_input_shape = (batch_size,) + tuple(input_shape)
        self.batch_input_shape = tuple(
            None if d is None else int(d) for d in batch_input_shape)
        self.sparse = bool(sparse)
        self.built = True
        output = KerasTensor(self.batch_input_shape, self, 0, 0)
        Node(self, [], [output])

    def __call__(self, inputs):
        raise TypeError('an InputLayer cannot be called')

    def get_config(self):
        # TF 2.0/2.1 InputLayer config: no trainable; this key order.
        return collections.OrderedDict([
            ('batch_input_shape', list(self.batch_input_shape)),
            ('dtype', self.dtype),
            ('sparse', self.sparse),
            ('name', self.name)])


def Input(shape=None, batch_size=None, name=None, dtype=None, sparse=False,
          tensor=None, batch_shape=None):
    if tensor is not None:
        raise ValueError('Input(tensor=...) is not supported')
    if batch_shape is None and shape is None:
        raise ValueError('Input() needs shape or batch_shape')
    layer = InputLayer(input_shape=shape, batch_size=batch_size, dtype=dtype,
                       sparse=sparse, name=name,
                       batch_input_shape=batch_shape)
    return layer._inbound_nodes[0].output_tensors[0]


class _Conv(Layer):
    """Shared parts of Conv2D / DepthwiseConv2D / SeparableConv2D."""

    def _init_conv(self, kernel_size, strides, padding, data_format,
                   dilation_rate, activation, use_bias, bias_initializer,
                   bias_regularizer, activity_regularizer, bias_constraint):
        self.kernel_size = _int_tuple(kernel_size, 2, 'kernel_size')
        self.strides = _int_tuple(strides, 2, 'strides')
        self.padding = _padding_mode(padding)
        self.data_format = _data_format(data_format)
        self.dilation_rate = _int_tuple(dilation_rate, 2, 'dilation_rate')
        self.activation = _activation(activation)
        self.use_bias = bool(use_bias)
        self.bias_initializer = bias_initializer
        _none_only(bias_regularizer=bias_regularizer,
                   activity_regularizer=activity_regularizer,
                   bias_constraint=bias_constraint)
        if self.strides != (1, 1) and self.dilation_rate != (1, 1):
            raise ValueError('strides > 1 with dilation_rate > 1')

    def _spatial_output(self, input_shape, channels):
        _, rows, cols, _ = input_shape
        rows = _conv_length(rows, self.kernel_size[0], self.padding,
                            self.strides[0], self.dilation_rate[0])
        cols = _conv_length(cols, self.kernel_size[1], self.padding,
                            self.strides[1], self.dilation_rate[1])
        return (input_shape[0], rows, cols, channels)

    def _geometry_config(self):
        return [('kernel_size', list(self.kernel_size)),
                ('strides', list(self.strides)),
                ('padding', self.padding),
                ('data_format', self.data_format),
                ('dilation_rate', list(self.dilation_rate)),
                ('activation', self.activation),
                ('use_bias', self.use_bias)]


class Conv2D(_Conv):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid',
                 data_format=None, dilation_rate=(1, 1), activation=None,
                 use_bias=True, kernel_initializer='glorot_uniform',
                 bias_initializer='zeros', kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, name=None,
                 trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.filters = int(filters)
        self._init_conv(kernel_size, strides, padding, data_format,
                        dilation_rate, activation, use_bias, bias_initializer,
                        bias_regularizer, activity_regularizer,
                        bias_constraint)
        self.kernel_initializer = kernel_initializer
        _none_only(kernel_regularizer=kernel_regularizer,
                   kernel_constraint=kernel_constraint)

    def build(self, input_shape):
        cin = input_shape[-1]
        kernel = self.kernel_size[0] * self.kernel_size[1] * cin * self.filters
        self._set_params((kernel, True),
                         (self.filters if self.use_bias else 0, True))

    def compute_output_shape(self, input_shape):
        return self._spatial_output(input_shape, self.filters)

    def _config(self):
        return ([('filters', self.filters)] + self._geometry_config() +
                [('kernel_initializer', _initializer(self.kernel_initializer)),
                 ('bias_initializer', _initializer(self.bias_initializer)),
                 ('kernel_regularizer', None),
                 ('bias_regularizer', None),
                 ('activity_regularizer', None),
                 ('kernel_constraint', None),
                 ('bias_constraint', None)])


class DepthwiseConv2D(_Conv):
    def __init__(self, kernel_size, strides=(1, 1), padding='valid',
                 depth_multiplier=1, data_format=None, activation=None,
                 use_bias=True, depthwise_initializer='glorot_uniform',
                 bias_initializer='zeros', depthwise_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None,
                 dilation_rate=(1, 1), name=None, trainable=True,
                 dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self._init_conv(kernel_size, strides, padding, data_format,
                        dilation_rate, activation, use_bias, bias_initializer,
                        bias_regularizer, activity_regularizer,
                        bias_constraint)
        self.depth_multiplier = int(depth_multiplier)
        self.depthwise_initializer = depthwise_initializer
        _none_only(depthwise_regularizer=depthwise_regularizer,
                   depthwise_constraint=depthwise_constraint)

    def build(self, input_shape):
        cin = input_shape[-1]
        out = cin * self.depth_multiplier
        kernel = self.kernel_size[0] * self.kernel_size[1] * out
        self._set_params((kernel, True), (out if self.use_bias else 0, True))

    def compute_output_shape(self, input_shape):
        return self._spatial_output(input_shape,
                                    input_shape[-1] * self.depth_multiplier)

    def _config(self):
        return (self._geometry_config() +
                [('bias_initializer', _initializer(self.bias_initializer)),
                 ('bias_regularizer', None),
                 ('activity_regularizer', None),
                 ('bias_constraint', None),
                 ('depth_multiplier', self.depth_multiplier),
                 ('depthwise_initializer',
                  _initializer(self.depthwise_initializer)),
                 ('depthwise_regularizer', None),
                 ('depthwise_constraint', None)])


class SeparableConv2D(_Conv):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid',
                 data_format=None, dilation_rate=(1, 1), depth_multiplier=1,
                 activation=None, use_bias=True,
                 depthwise_initializer='glorot_uniform',
                 pointwise_initializer='glorot_uniform',
                 bias_initializer='zeros', depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None,
                 kernel_initializer='glorot_uniform', kernel_regularizer=None,
                 kernel_constraint=None, name=None, trainable=True,
                 dtype=None):
        # tf.keras accepts kernel_* through **kwargs of the Conv base class
        # and serialises them although the layer does not use them (NASNet
        # passes kernel_initializer='he_normal').
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.filters = int(filters)
        self._init_conv(kernel_size, strides, padding, data_format,
                        dilation_rate, activation, use_bias, bias_initializer,
                        bias_regularizer, activity_regularizer,
                        bias_constraint)
        self.depth_multiplier = int(depth_multiplier)
        self.kernel_initializer = kernel_initializer
        self.depthwise_initializer = depthwise_initializer
        self.pointwise_initializer = pointwise_initializer
        _none_only(depthwise_regularizer=depthwise_regularizer,
                   pointwise_regularizer=pointwise_regularizer,
                   depthwise_constraint=depthwise_constraint,
                   pointwise_constraint=pointwise_constraint,
                   kernel_regularizer=kernel_regularizer,
                   kernel_constraint=kernel_constraint)

    def build(self, input_shape):
        cin = input_shape[-1]
        mid = cin * self.depth_multiplier
        depthwise = self.kernel_size[0] * self.kernel_size[1] * mid
        pointwise = mid * self.filters
        self._set_params((depthwise, True), (pointwise, True),
                         (self.filters if self.use_bias else 0, True))

    def compute_output_shape(self, input_shape):
        return self._spatial_output(input_shape, self.filters)

    def _config(self):
        return ([('filters', self.filters)] + self._geometry_config() +
                [('kernel_initializer', _initializer(self.kernel_initializer)),
                 ('bias_initializer', _initializer(self.bias_initializer)),
                 ('kernel_regularizer', None),
                 ('bias_regularizer', None),
                 ('activity_regularizer', None),
                 ('kernel_constraint', None),
                 ('bias_constraint', None),
                 ('depth_multiplier', self.depth_multiplier),
                 ('depthwise_initializer',
                  _initializer(self.depthwise_initializer)),
                 ('pointwise_initializer',
                  _initializer(self.pointwise_initializer)),
                 ('depthwise_regularizer', None),
                 ('pointwise_regularizer', None),
                 ('depthwise_constraint', None),
                 ('pointwise_constraint', None)])


class BatchNormalization(Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True,
                 scale=True, beta_initializer='zeros',
                 gamma_initializer='ones', moving_mean_initializer='zeros',
                 moving_variance_initializer='ones', beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, name=None, trainable=True,
                 dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = bool(center)
        self.scale = bool(scale)
        self.initializers = (beta_initializer, gamma_initializer,
                             moving_mean_initializer,
                             moving_variance_initializer)
        _none_only(beta_regularizer=beta_regularizer,
                   gamma_regularizer=gamma_regularizer,
                   beta_constraint=beta_constraint,
                   gamma_constraint=gamma_constraint)

    def build(self, input_shape):
        # tf.keras (v2 BatchNormalization) turns the axis into a list of
        # non-negative ints when it builds, and serialises that list.
        ndim = len(input_shape)
        axes = self.axis if isinstance(self.axis, (list, tuple)) else [
            self.axis]
        self.axis = [int(a) + ndim if int(a) < 0 else int(a) for a in axes]
        channels = _prod(input_shape[a] for a in self.axis)
        self._set_params((channels if self.scale else 0, True),
                         (channels if self.center else 0, True),
                         (channels, False), (channels, False))

    def _config(self):
        beta, gamma, mean, var = self.initializers
        return [('axis', self.axis),
                ('momentum', self.momentum),
                ('epsilon', self.epsilon),
                ('center', self.center),
                ('scale', self.scale),
                ('beta_initializer', _initializer(beta)),
                ('gamma_initializer', _initializer(gamma)),
                ('moving_mean_initializer', _initializer(mean)),
                ('moving_variance_initializer', _initializer(var)),
                ('beta_regularizer', None),
                ('gamma_regularizer', None),
                ('beta_constraint', None),
                ('gamma_constraint', None)]


class Activation(Layer):
    def __init__(self, activation, name=None, trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.activation = _activation(activation)

    def _config(self):
        return [('activation', self.activation)]


class ReLU(Layer):
    def __init__(self, max_value=None, negative_slope=0, threshold=0,
                 name=None, trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        if max_value is not None and max_value < 0:
            raise ValueError('max_value must be >= 0')
        # tf.keras casts all three to floatx.
        self.max_value = None if max_value is None else float(max_value)
        self.negative_slope = float(negative_slope)
        self.threshold = float(threshold)

    def _config(self):
        return [('max_value', self.max_value),
                ('negative_slope', self.negative_slope),
                ('threshold', self.threshold)]


class Dense(Layer):
    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer='glorot_uniform', bias_initializer='zeros',
                 kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, name=None, trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.units = int(units)
        self.activation = _activation(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        _none_only(kernel_regularizer=kernel_regularizer,
                   bias_regularizer=bias_regularizer,
                   activity_regularizer=activity_regularizer,
                   kernel_constraint=kernel_constraint,
                   bias_constraint=bias_constraint)

    def build(self, input_shape):
        self._set_params((input_shape[-1] * self.units, True),
                         (self.units if self.use_bias else 0, True))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def _config(self):
        return [('units', self.units),
                ('activation', self.activation),
                ('use_bias', self.use_bias),
                ('kernel_initializer', _initializer(self.kernel_initializer)),
                ('bias_initializer', _initializer(self.bias_initializer)),
                ('kernel_regularizer', None),
                ('bias_regularizer', None),
                ('activity_regularizer', None),
                ('kernel_constraint', None),
                ('bias_constraint', None)]


class Flatten(Layer):
    def __init__(self, data_format=None, name=None, trainable=True,
                 dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.data_format = _data_format(data_format)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], _prod(input_shape[1:]))

    def _config(self):
        return [('data_format', self.data_format)]


class Dropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, name=None,
                 trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        _none_only(noise_shape=noise_shape)

    def _config(self):
        return [('rate', self.rate), ('noise_shape', self.noise_shape),
                ('seed', self.seed)]


class _Pooling2D(Layer):
    def __init__(self, pool_size=(2, 2), strides=None, padding='valid',
                 data_format=None, name=None, trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.pool_size = _int_tuple(pool_size, 2, 'pool_size')
        self.strides = _int_tuple(self.pool_size if strides is None
                                  else strides, 2, 'strides')
        self.padding = _padding_mode(padding)
        self.data_format = _data_format(data_format)

    def compute_output_shape(self, input_shape):
        n, rows, cols, channels = input_shape
        return (n,
                _conv_length(rows, self.pool_size[0], self.padding,
                             self.strides[0]),
                _conv_length(cols, self.pool_size[1], self.padding,
                             self.strides[1]),
                channels)

    def _config(self):
        return [('pool_size', list(self.pool_size)),
                ('padding', self.padding),
                ('strides', list(self.strides)),
                ('data_format', self.data_format)]


class MaxPooling2D(_Pooling2D):
    pass


class AveragePooling2D(_Pooling2D):
    pass


class _GlobalPooling2D(Layer):
    def __init__(self, data_format=None, name=None, trainable=True,
                 dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.data_format = _data_format(data_format)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[3])

    def _config(self):
        return [('data_format', self.data_format)]


class GlobalAveragePooling2D(_GlobalPooling2D):
    pass


class GlobalMaxPooling2D(_GlobalPooling2D):
    pass


class ZeroPadding2D(Layer):
    def __init__(self, padding=(1, 1), data_format=None, name=None,
                 trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.padding = _pairs(padding, 'padding')
        self.data_format = _data_format(data_format)

    def compute_output_shape(self, input_shape):
        n, rows, cols, channels = input_shape
        (top, bottom), (left, right) = self.padding
        return (n, None if rows is None else rows + top + bottom,
                None if cols is None else cols + left + right, channels)

    def _config(self):
        return [('padding', [list(p) for p in self.padding]),
                ('data_format', self.data_format)]


class Cropping2D(Layer):
    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, name=None,
                 trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.cropping = _pairs(cropping, 'cropping')
        self.data_format = _data_format(data_format)

    def compute_output_shape(self, input_shape):
        n, rows, cols, channels = input_shape
        (top, bottom), (left, right) = self.cropping
        return (n, None if rows is None else rows - top - bottom,
                None if cols is None else cols - left - right, channels)

    def _config(self):
        return [('cropping', [list(p) for p in self.cropping]),
                ('data_format', self.data_format)]


class Reshape(Layer):
    def __init__(self, target_shape, name=None, trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.target_shape = tuple(int(d) for d in target_shape)

    def compute_output_shape(self, input_shape):
        target = list(self.target_shape)
        known = _prod(d for d in input_shape[1:])
        if -1 in target:
            i = target.index(-1)
            rest = _prod(d for j, d in enumerate(target) if j != i)
            target[i] = known // rest
        if _prod(target) != known:
            raise ValueError('%s: cannot reshape %r to %r'
                             % (self.name, input_shape, self.target_shape))
        return (input_shape[0],) + tuple(target)

    def _config(self):
        return [('target_shape', list(self.target_shape))]


class _Merge(Layer):
    def compute_output_shape(self, input_shapes):
        if not isinstance(input_shapes, list) or len(input_shapes) < 2:
            raise ValueError('%s needs a list of at least 2 inputs'
                             % self.name)
        first = tuple(input_shapes[0])
        for shape in input_shapes[1:]:
            if tuple(shape) != first:
                raise ValueError('%s: shapes differ %r'
                                 % (self.name, input_shapes))
        return first


class Add(_Merge):
    pass


class Multiply(_Merge):
    pass


class Concatenate(Layer):
    def __init__(self, axis=-1, name=None, trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        self.axis = axis

    def compute_output_shape(self, input_shapes):
        if not isinstance(input_shapes, list) or len(input_shapes) < 2:
            raise ValueError('%s needs a list of at least 2 inputs'
                             % self.name)
        ndim = len(input_shapes[0])
        axis = self.axis + ndim if self.axis < 0 else self.axis
        out = list(input_shapes[0])
        for shape in input_shapes[1:]:
            for i in range(ndim):
                if i != axis and shape[i] != out[i]:
                    raise ValueError('%s: shapes differ %r'
                                     % (self.name, input_shapes))
            out[axis] += shape[axis]
        return tuple(out)

    def _config(self):
        return [('axis', self.axis)]


def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    return Multiply(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


def _recognise_lambda(function, arguments):
    """Map a Python lambda to a language-neutral marker, or fail.

    Only InceptionResNetV2's scaled residual ``inputs[0] + inputs[1] * scale``
    is known.  It is recognised by its signature and then checked by
    evaluating it on numbers, so a different lambda cannot slip through.
    """
    code = getattr(function, '__code__', None)
    if (code is not None and code.co_argcount == 2 and
            code.co_varnames[:2] == ('inputs', 'scale') and
            set(arguments or {}) == {'scale'}):
        rng = np.random.RandomState(7)
        a, b = rng.rand(2, 3, 4), rng.rand(2, 3, 4)
        for scale in (0.17, 0.1, 0.2, 1.0, 2.5):
            if not np.allclose(function([a, b], scale=scale), a + b * scale):
                break
        else:
            return SCALED_RESIDUAL_FUNCTION, SCALED_RESIDUAL_FUNCTION_TYPE
    raise ValueError('unrecognised Lambda function %r with arguments %r'
                     % (function, arguments))


class Lambda(Layer):
    def __init__(self, function, output_shape=None, mask=None, arguments=None,
                 name=None, trainable=True, dtype=None):
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype)
        if mask is not None:
            raise ValueError('Lambda(mask=...) is not supported')
        if output_shape is None or callable(output_shape):
            raise ValueError('Lambda needs a static output_shape tuple here')
        self.function = function
        self.arguments = dict(arguments or {})
        self.lambda_output_shape = tuple(int(d) for d in output_shape)
        self.function_name, self.function_type = _recognise_lambda(
            function, self.arguments)
        self.module = getattr(function, '__module__', None)

    def compute_output_shape(self, input_shape):
        batch = (input_shape[0] if isinstance(input_shape, list)
                 else input_shape)[0]
        return (batch,) + self.lambda_output_shape

    def _config(self):
        return [('function', self.function_name),
                ('function_type', self.function_type),
                ('module', self.module),
                ('output_shape', list(self.lambda_output_shape)),
                ('output_shape_type', 'raw'),
                ('output_shape_module', None),
                ('arguments', collections.OrderedDict(
                    sorted(self.arguments.items())))]


# ---------------------------------------------------------------------------
# Model: Keras's _map_graph_network ordering and config
# ---------------------------------------------------------------------------

def _map_graph_network(outputs):
    """Return (layers in Keras order, set of (layer, node_index) in graph)."""
    network_nodes = set()
    nodes_depths = {}
    layers_depths = {}
    layer_indices = {}
    nodes_in_decreasing_depth = []
    finished = set()
    in_progress = set()

    # Iterative DFS with the same visiting order as Keras's recursive
    # build_map (post-order over inbound tensors, left to right).
    def build_map(layer, node_index):
        stack = [(layer, node_index, False)]
        while stack:
            layer, node_index, expanded = stack.pop()
            node = layer._inbound_nodes[node_index]
            if expanded:
                finished.add(node)
                in_progress.discard(node)
                nodes_in_decreasing_depth.append(node)
                continue
            if node in in_progress:
                raise ValueError('cycle at layer %s' % layer.name)
            if node in finished:
                continue
            network_nodes.add((layer.name, node_index))
            if layer not in layer_indices:
                layer_indices[layer] = len(layer_indices)
            in_progress.add(node)
            stack.append((layer, node_index, True))
            for inbound, inbound_index, _, _ in reversed(
                    list(node.iterate_inbound())):
                stack.append((inbound, inbound_index, False))

    for tensor in outputs:
        layer, node_index, _ = tensor._keras_history
        build_map(layer, node_index)

    for node in reversed(nodes_in_decreasing_depth):
        depth = nodes_depths.setdefault(node, 0)
        depth = max(depth, layers_depths.get(node.outbound_layer, 0))
        layers_depths[node.outbound_layer] = depth
        nodes_depths[node] = depth
        for inbound, inbound_index, _, _ in node.iterate_inbound():
            inbound_node = inbound._inbound_nodes[inbound_index]
            nodes_depths[inbound_node] = max(
                depth + 1, nodes_depths.get(inbound_node, 0))

    by_depth = collections.defaultdict(list)
    for layer, depth in layers_depths.items():
        by_depth[depth].append(layer)
    ordered = []
    for depth in sorted(by_depth, reverse=True):
        ordered.extend(sorted(by_depth[depth], key=lambda l: layer_indices[l]))
    return ordered, network_nodes


class Model(object):
    def __init__(self, inputs=None, outputs=None, name=None):
        self.inputs = list(inputs) if isinstance(inputs, (list, tuple)) \
            else [inputs]
        self.outputs = list(outputs) if isinstance(outputs, (list, tuple)) \
            else [outputs]
        self.name = name or _unique_object_name('model')
        self.layers, self._network_nodes = _map_graph_network(self.outputs)
        for tensor in self.inputs:
            if not isinstance(tensor._keras_history[0], InputLayer):
                raise ValueError('model inputs must come from Input()')
            if tensor._keras_history[0] not in self.layers:
                raise ValueError('input %s is not connected to the outputs'
                                 % tensor._keras_history[0].name)
        names = [l.name for l in self.layers]
        if len(set(names)) != len(names):
            raise ValueError('duplicate layer names in %s' % self.name)

    def count_params(self):
        return sum(layer.params for layer in self.layers)

    def _node_index_map(self):
        mapping = {}
        for layer in self.layers:
            kept = 0
            for index in range(len(layer._inbound_nodes)):
                if (layer.name, index) in self._network_nodes:
                    mapping[(layer.name, index)] = kept
                    kept += 1
        return mapping

    def get_config(self):
        node_map = self._node_index_map()
        layer_configs = []
        for layer in self.layers:
            inbound_nodes = []
            for index, node in enumerate(layer._inbound_nodes):
                if (layer.name, index) not in self._network_nodes:
                    continue
                if node.inbound_layers:
                    inbound_nodes.append([
                        [inbound.name,
                         node_map[(inbound.name, inbound_index)],
                         tensor_index, {}]
                        for inbound, inbound_index, tensor_index, _
                        in node.iterate_inbound()])
            layer_configs.append(collections.OrderedDict([
                ('class_name', type(layer).__name__),
                ('config', layer.get_config()),
                ('name', layer.name),
                ('inbound_nodes', inbound_nodes)]))

        def refs(tensors):
            out = []
            for t in tensors:
                layer, node_index, tensor_index = t._keras_history
                out.append([layer.name, node_map[(layer.name, node_index)],
                            tensor_index])
            return out

        return collections.OrderedDict([
            ('name', self.name),
            ('layers', layer_configs),
            ('input_layers', refs(self.inputs)),
            ('output_layers', refs(self.outputs))])

    def to_json_dict(self):
        return collections.OrderedDict([
            ('class_name', 'Model'),
            ('config', self.get_config()),
            ('keras_version', KERAS_VERSION),
            ('backend', BACKEND_NAME)])


# ---------------------------------------------------------------------------
# The four injected modules
# ---------------------------------------------------------------------------

def _make_backend():
    m = types.ModuleType('scission_fake_keras.backend')

    def image_data_format():
        return _SESSION.image_data_format

    def set_image_data_format(value):
        if value not in ('channels_last', 'channels_first'):
            raise ValueError(value)
        _SESSION.image_data_format = value

    def int_shape(x):
        return tuple(x.shape)

    def ndim(x):
        return len(x.shape)

    def is_keras_tensor(x):
        return isinstance(x, KerasTensor)

    @contextlib.contextmanager
    def name_scope(name):
        # tf.keras 2.x layer names do not depend on name scopes.
        yield

    m.image_data_format = image_data_format
    m.set_image_data_format = set_image_data_format
    m.int_shape = int_shape
    m.ndim = ndim
    m.is_keras_tensor = is_keras_tensor
    m.name_scope = name_scope
    m.backend = lambda: BACKEND_NAME
    m.floatx = lambda: 'float32'
    m.clear_session = clear_session
    return m


def _make_layers():
    m = types.ModuleType('scission_fake_keras.layers')
    for obj in (Input, InputLayer, Conv2D, DepthwiseConv2D, SeparableConv2D,
                BatchNormalization, Activation, ReLU, Dense, Flatten, Dropout,
                MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
                GlobalMaxPooling2D, ZeroPadding2D, Cropping2D, Reshape, Add,
                Multiply, Concatenate, add, multiply, concatenate, Lambda):
        setattr(m, obj.__name__, obj)
    return m


def _make_models():
    m = types.ModuleType('scission_fake_keras.models')
    m.Model = Model
    return m


def _make_utils():
    m = types.ModuleType('scission_fake_keras.utils')

    def get_file(*args, **kwargs):
        raise RuntimeError('get_file called: weights must be None here')

    def get_source_inputs(tensor):
        found, seen, stack = [], set(), [tensor]
        while stack:
            t = stack.pop()
            layer, node_index, _ = t._keras_history
            node = layer._inbound_nodes[node_index]
            if not node.inbound_layers:
                if id(t) not in seen:
                    seen.add(id(t))
                    found.append(t)
            else:
                stack.extend(reversed(node.input_tensors))
        return found

    def convert_all_kernels_in_model(model):
        raise RuntimeError('convert_all_kernels_in_model is not needed')

    m.get_file = get_file
    m.get_source_inputs = get_source_inputs
    m.convert_all_kernels_in_model = convert_all_kernels_in_model
    return m


KERAS_MODULES = dict(backend=_make_backend(), layers=_make_layers(),
                     models=_make_models(), utils=_make_utils())


# ---------------------------------------------------------------------------
# The 18 models (order and keys as in the original tool's .dat files)
# ---------------------------------------------------------------------------

def _zoo():
    from keras_applications import (densenet, inception_resnet_v2,
                                    inception_v3, mobilenet, mobilenet_v2,
                                    nasnet, resnet, resnet_v2, vgg16, vgg19,
                                    xception)
    return [
        ('vgg19', 'VGG19', vgg19.VGG19),
        ('xception', 'Xception', xception.Xception),
        ('resnet50', 'ResNet50', resnet.ResNet50),
        ('resnet101', 'ResNet101', resnet.ResNet101),
        ('resnet152', 'ResNet152', resnet.ResNet152),
        ('resnet50v2', 'ResNet50V2', resnet_v2.ResNet50V2),
        ('resnet101v2', 'ResNet101V2', resnet_v2.ResNet101V2),
        ('resnet152v2', 'ResNet152V2', resnet_v2.ResNet152V2),
        ('inception_v3', 'InceptionV3', inception_v3.InceptionV3),
        ('inceptionresnet_v2', 'InceptionResNetV2',
         inception_resnet_v2.InceptionResNetV2),
        ('mobilenet', 'MobileNet', mobilenet.MobileNet),
        ('vgg16', 'VGG16', vgg16.VGG16),
        ('mobilenetv2', 'MobileNetV2', mobilenet_v2.MobileNetV2),
        ('densenet121', 'DenseNet121', densenet.DenseNet121),
        ('densenet169', 'DenseNet169', densenet.DenseNet169),
        ('densenet201', 'DenseNet201', densenet.DenseNet201),
        ('nasnetlarge', 'NASNetLarge', nasnet.NASNetLarge),
        ('nasnetmobile', 'NASNetMobile', nasnet.NASNetMobile),
    ]


def build(function):
    """Build one model in a fresh session (as after K.clear_session())."""
    clear_session()
    return function(weights=None, include_top=True, **KERAS_MODULES)


def _index_entry(key, display, model):
    layers = []
    for i, layer in enumerate(model.layers):
        layers.append(collections.OrderedDict([
            ('index', i),
            ('name', layer.name),
            ('class_name', type(layer).__name__),
            ('output_shape', list(layer.output_shape)),
            ('params', layer.params)]))
    total = model.count_params()
    trainable = sum(l.trainable_params for l in model.layers)
    return collections.OrderedDict([
        ('display_name', display),
        ('key', key),
        ('keras_name', model.name),
        ('input_shape', list(model.inputs[0].shape)),
        ('output_shape', list(model.outputs[0].shape)),
        ('num_layers', len(model.layers)),
        ('total_params', total),
        ('trainable_params', trainable),
        ('non_trainable_params', total - trainable),
        ('layers', layers)])


def _format_index(index):
    """index.json text: valid JSON, one line per model field and per layer."""
    def dump(value):
        return json.dumps(value, separators=(', ', ': '))
    out = ['{"generator": %s,' % dump(index['generator']), ' "models": [']
    for m_i, model in enumerate(index['models']):
        fields = [' %s: %s' % (dump(k), dump(v)) for k, v in model.items()
                  if k != 'layers']
        out.append('  {' + ',\n  '.join(fields).lstrip() + ',')
        out.append('   "layers": [')
        rows = ['    ' + dump(layer) for layer in model['layers']]
        out.append(',\n'.join(rows))
        out.append('   ]}' + (',' if m_i + 1 < len(index['models']) else ''))
    out.append(' ]}')
    return '\n'.join(out) + '\n'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'out'))
    parser.add_argument('--only', nargs='*', help='keys to record')
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)

    zoo = _zoo()
    if args.only:
        unknown = set(args.only) - {k for k, _, _ in zoo}
        if unknown:
            parser.error('unknown keys: %s' % ', '.join(sorted(unknown)))
        zoo = [z for z in zoo if z[0] in args.only]

    index = collections.OrderedDict([
        ('generator', 'record_zoo.py (keras_applications %s, fake Keras '
                      'emulating keras_version %s)'
         % (__import__('keras_applications').__version__, KERAS_VERSION)),
        ('models', [])])
    started = time.time()
    for key, display, function in zoo:
        t0 = time.time()
        model = build(function)
        text = json.dumps(model.to_json_dict(), separators=(',', ':'))
        with open(os.path.join(args.out, key + '.json'), 'w') as f:
            f.write(text)
        # mtime=0 keeps the .gz byte-identical between runs.
        with open(os.path.join(args.out, key + '.json.gz'), 'wb') as raw:
            with gzip.GzipFile(filename=key + '.json', mode='wb',
                               fileobj=raw, mtime=0) as gz:
                gz.write(text.encode('utf-8'))
        index['models'].append(_index_entry(key, display, model))
        print('%-20s %-18s layers=%5d params=%11d  %.2fs'
              % (display, key, len(model.layers), model.count_params(),
                 time.time() - t0))
    elapsed = time.time() - started
    with open(os.path.join(args.out, 'index.json'), 'w') as f:
        f.write(_format_index(index))
    print('recorded %d models in %.2f s (wall clock)' % (len(zoo), elapsed))
    return 0


if __name__ == '__main__':
    sys.exit(main())
