package io.scission.tf.keras;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One TensorFlow name scope per Keras layer. TF op names allow {@code [A-Za-z0-9.][A-Za-z0-9_.\-]*} per path
 * segment, so a Keras name is kept when valid, and otherwise every other character (such as the {@code /} in
 * DenseNet's {@code conv1/conv}) becomes {@code _}. If that collides with another layer's name or scope, {@code _k}
 * is appended with the smallest free k, so scopes stay unique, and no scope is a path prefix of another: every
 * graph op belongs to exactly one layer.
 */
final class ScopeNames {

    private ScopeNames() {
    }

    static List<String> assign(List<KerasLayer> layers) {
        Set<String> taken = new HashSet<>();
        for (KerasLayer layer : layers) {
            if (valid(layer.name())) {
                taken.add(layer.name().toLowerCase(Locale.ROOT));
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (KerasLayer layer : layers) {
            String scope;
            if (valid(layer.name())) {
                scope = layer.name();
            } else {
                String base = sanitize(layer.name());
                scope = base;
                for (int k = 1; taken.contains(scope.toLowerCase(Locale.ROOT))
                        || used.contains(scope.toLowerCase(Locale.ROOT)); k++) {
                    scope = base + "_" + k;
                }
            }
            used.add(scope.toLowerCase(Locale.ROOT));
            out.add(scope);
        }
        return out;
    }

    static boolean valid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        if (!(Character.isLetterOrDigit(first) && first < 128 || first == '.')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static String sanitize(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || i > 0 && (c == '_' || c == '-'));
            b.append(ok ? c : '_');
        }
        if (b.length() == 0 || b.charAt(0) == '_') {
            b.insert(0, 'L');
        }
        return b.toString();
    }
}
