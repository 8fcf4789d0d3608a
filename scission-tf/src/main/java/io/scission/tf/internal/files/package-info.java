/**
 * Internal, not API: reading model files, with failures said in words ({@link
 * io.scission.tf.internal.files.ModelFiles}).
 */
@NullMarked
package io.scission.tf.internal.files;

import org.jspecify.annotations.NullMarked;
