package io.scission.platform;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * An ordered tier of the resource pipeline. Data flows from lower to higher ranks: a plan runs its segments in
 * tier order, so {@link #DEVICE} work happens before {@link #EDGE} work, which happens before {@link #CLOUD} work.
 *
 * <p>The three tiers of the paper are constants. Users may define more, placed by rank, for example a gateway
 * between device and edge ({@code Tier.of("gateway", 50)}) or a regional cloud ({@code Tier.of("regional", 150)}).
 * Two tiers are equal when name and rank are equal; names are case-sensitive and kept exactly as given.
 *
 * @param name the tier's name, letters, digits, {@code _} or {@code -}, starting with a letter
 * @param rank the position in the pipeline; lower ranks run first
 */
public record Tier(String name, int rank) implements Comparable<Tier> {


    /** End devices (phones, drones, cameras, a Raspberry Pi); rank 0. */
    public static final Tier DEVICE = new Tier("device", 0);
    /** Edge servers near the device; rank 100. */
    public static final Tier EDGE = new Tier("edge", 100);
    /** Cloud servers; rank 200. */
    public static final Tier CLOUD = new Tier("cloud", 200);

    /**
     * Validates the tier.
     *
     * @param name the tier's name, letters, digits, {@code _} or {@code -}, starting with a letter
     * @param rank the position in the pipeline; lower ranks run first
     * @throws IllegalArgumentException if the name is not a simple identifier, or if it reuses the name or rank of
     *     a standard tier with a different rank or name
     */
    public Tier {
        requireNonNull(name, "name");
        if (!isName(name)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The tier name (%s) must start with a letter and hold only letters, digits, '_' or '-'.%n"
                            + "Maybe use \"%s\".", name, name.replaceAll("[^A-Za-z0-9_-]", "_")));
        }
        int reservedRank = standardRank(name.toLowerCase(Locale.ROOT));
        if (reservedRank >= 0 && (rank != reservedRank || !name.equals(name.toLowerCase(Locale.ROOT)))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The tier name (%s) is reserved for the standard tier %s (rank %d).%n"
                            + "Maybe use Tier.%s, or give your tier another name.",
                    name, name.toLowerCase(Locale.ROOT), reservedRank, name.toUpperCase(Locale.ROOT)));
        }
        if (reservedRank < 0 && (rank == 0 || rank == 100 || rank == 200)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The rank (%d) of tier %s is taken by a standard tier.%n"
                            + "Maybe use a rank between the standard ones (device 0, edge 100, cloud 200).",
                    rank, name));
        }
    }

    /**
     * {@code [A-Za-z][A-Za-z0-9_-]*}, checked without a regular expression: the standard tiers are built when a
     * command-line run starts, and a first {@code Pattern} costs that run milliseconds.
     */
    private static boolean isName(String name) {
        if (name.isEmpty() || !isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static int standardRank(String lowerCaseName) {
        switch (lowerCaseName) {
            case "device":
                return 0;
            case "edge":
                return 100;
            case "cloud":
                return 200;
            default:
                return -1;
        }
    }

    /**
     * Returns a tier with the given name and rank; the standard tiers are returned for their own names.
     *
     * @param name the tier's name
     * @param rank the tier's rank
     * @return the tier
     */
    public static Tier of(String name, int rank) {
        return new Tier(name, rank);
    }

    /**
     * Returns the standard tier with the given name, ignoring case.
     *
     * @param name {@code device}, {@code edge} or {@code cloud}
     * @return the tier
     * @throws IllegalArgumentException if the name is not a standard tier
     */
    public static Tier named(String name) {
        requireNonNull(name, "name");
        Tier standard = standard(name);
        if (standard == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The tier (%s) is not one of device, edge, cloud.%n"
                            + "Maybe declare it with its rank, e.g. Tier.of(\"%s\", 150).", name, name));
        }
        return standard;
    }

    private static Tier standard(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "device":
                return DEVICE;
            case "edge":
                return EDGE;
            case "cloud":
                return CLOUD;
            default:
                return null;
        }
    }

    /**
     * Returns true for {@link #DEVICE}, {@link #EDGE} and {@link #CLOUD}.
     *
     * @return whether the tier is standard
     */
    public boolean isStandard() {
        return equals(DEVICE) || equals(EDGE) || equals(CLOUD);
    }

    @Override
    public int compareTo(Tier other) {
        int byRank = Integer.compare(rank, other.rank);
        return byRank != 0 ? byRank : name.compareTo(other.name);
    }

    /*
     * equals and hashCode are written out, with the meaning a record's have (same name and rank): a record's own are
     * linked by an invokedynamic bootstrap at their first call, which costs a command-line run milliseconds at start.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tier t && rank == t.rank && name.equals(t.name);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + rank;
    }

    @Override
    public String toString() {
        return name;
    }
}
