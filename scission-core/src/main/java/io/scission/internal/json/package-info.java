/** Strict JSON reading shared by the profile and network file formats. Internal; not exported. */
@NullMarked
package io.scission.internal.json;

import org.jspecify.annotations.NullMarked;
