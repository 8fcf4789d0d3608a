package io.scission.tf.deploy;

import java.util.Locale;

/** Small checks shared by the runners. */
final class Runs {

    private Runs() {
    }

    static void checkRepeats(int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The repeats (%d) must be at least 1.",
                    repeats));
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl > 0 ? m.substring(0, nl) : m).strip();
    }
}
