package io.scission;

import io.scission.spi.Availability;
import io.scission.spi.ModelSource;
import io.scission.spi.ProviderInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/** Finds SPI providers with {@link ServiceLoader} and picks the one for a source. */
final class Providers {

    private Providers() {
    }

    static <T> List<T> load(Class<T> type) {
        List<T> found = new ArrayList<>();
        ClassLoader loader = Scission.class.getClassLoader();
        try {
            for (T t : ServiceLoader.load(type, loader)) {
                found.add(t);
            }
        } catch (ServiceConfigurationError e) {
            throw new ScissionException(String.format(Locale.ROOT,
                    "A %s provider on the class path cannot be loaded (%s).%nMaybe a jar is missing or of the wrong "
                            + "version.", type.getSimpleName(), e.getMessage()), e);
        }
        return found;
    }

    static <T> List<ProviderInfo> describe(Class<T> type, Function<T, String> name, ToIntFunction<T> priority,
            Function<T, Availability> availability) {
        List<ProviderInfo> infos = new ArrayList<>();
        for (T t : load(type)) {
            infos.add(new ProviderInfo(type.getSimpleName(), name.apply(t), t.getClass().getName(),
                    priority.applyAsInt(t), availability.apply(t)));
        }
        infos.sort(Comparator.comparingInt(ProviderInfo::priority).reversed().thenComparing(ProviderInfo::name));
        return List.copyOf(infos);
    }

    /** Picks the available provider of highest priority that accepts the source; fails on none or a tie. */
    static <T> T pick(Class<T> type, ModelSource source, Function<T, String> name, ToIntFunction<T> priority,
            Function<T, Availability> availability, BiPredicate<T, ModelSource> accepts) {
        return pick(type, "'" + source.location() + "'", name, priority, availability, t -> accepts.test(t, source),
                source.exists() ? "Maybe the file format is not supported."
                        : "Maybe check the path, or use a built-in model name.");
    }

    /**
     * Picks the available provider of highest priority that accepts something; fails on none or a tie.
     *
     * @param what what must be accepted, for messages, e.g. {@code 'resnet50.pb'}
     * @param unsupported the advice when providers exist but none accepts it
     */
    static <T> T pick(Class<T> type, String what, Function<T, String> name, ToIntFunction<T> priority,
            Function<T, Availability> availability, Predicate<T> accepts, String unsupported) {
        List<T> all = load(type);
        List<T> candidates = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (T t : all) {
            Availability a = availability.apply(t);
            if (!a.available()) {
                unavailable.add(name.apply(t) + " (unavailable: " + a.reason() + ")");
            } else if (accepts.test(t)) {
                candidates.add(t);
            }
        }
        if (candidates.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (T t : all) {
                names.add(name.apply(t));
            }
            throw new ScissionException(String.format(Locale.ROOT,
                    "No %s accepts %s (found: %s%s).%n%s", type.getSimpleName(), what,
                    names.isEmpty() ? "none" : String.join(", ", names),
                    unavailable.isEmpty() ? "" : "; " + String.join(", ", unavailable),
                    names.isEmpty() ? "Maybe add scission-tf to the classpath." : unsupported));
        }
        candidates.sort(Comparator.comparingInt(priority).reversed());
        if (candidates.size() > 1
                && priority.applyAsInt(candidates.get(0)) == priority.applyAsInt(candidates.get(1))) {
            throw new ScissionException(String.format(Locale.ROOT,
                    "Two %s providers accept %s with the same priority %d: %s and %s.%n"
                            + "Maybe pass the one you want explicitly.", type.getSimpleName(), what,
                    priority.applyAsInt(candidates.get(0)), name.apply(candidates.get(0)),
                    name.apply(candidates.get(1))));
        }
        return candidates.get(0);
    }
}
