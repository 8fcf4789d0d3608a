/** Number formats shared by the modules; internal, not API. */
@NullMarked
package io.scission.internal.numeric;

import org.jspecify.annotations.NullMarked;
