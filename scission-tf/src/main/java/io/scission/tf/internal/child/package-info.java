/**
 * Internal, not API: profiling in a child JVM, for {@link io.scission.tf.TensorFlowProfiler#inChildJvm()}. The
 * parent side ({@link io.scission.tf.internal.child.ChildRun}) starts the child ({@link
 * io.scission.tf.internal.child.ChildMain}) and talks to it in lines of JSON ({@link
 * io.scission.tf.internal.child.ChildProtocol}).
 */
@NullMarked
package io.scission.tf.internal.child;

import org.jspecify.annotations.NullMarked;
