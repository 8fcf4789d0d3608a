/**
 * Internal, not API: turns TensorFlow graphs into one flat, feedable graph ({@link
 * io.scission.tf.internal.graph.GraphLoader}: SavedModel function calls inlined, variables frozen) and groups its
 * nodes into layers ({@link io.scission.tf.internal.graph.LayerGrouper}). Used by the providers in
 * {@code io.scission.tf}.
 */
@NullMarked
package io.scission.tf.internal.graph;

import org.jspecify.annotations.NullMarked;
