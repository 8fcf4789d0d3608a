package io.scission.platform;

/**
 * Units of data size. Decimal units follow SI and the original Scission tool: 1 MB = 10^6 bytes. Binary units
 * (KiB, MiB, GiB) are powers of 1024.
 */
public enum DataUnit {
    /** One byte. */
    B(1L, "B"),
    /** 10^3 bytes. */
    KB(1_000L, "KB"),
    /** 10^6 bytes. */
    MB(1_000_000L, "MB"),
    /** 10^9 bytes. */
    GB(1_000_000_000L, "GB"),
    /** 2^10 bytes. */
    KIB(1L << 10, "KiB"),
    /** 2^20 bytes. */
    MIB(1L << 20, "MiB"),
    /** 2^30 bytes. */
    GIB(1L << 30, "GiB");

    private final long bytes;
    private final String symbol;

    DataUnit(long bytes, String symbol) {
        this.bytes = bytes;
        this.symbol = symbol;
    }

    /**
     * Returns the number of bytes in one unit.
     *
     * @return bytes per unit
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns the unit's symbol, e.g. {@code MB} or {@code MiB}.
     *
     * @return the symbol
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Parses a unit symbol, ignoring case for the decimal units ({@code kb}, {@code MB}) and accepting
     * {@code KiB}/{@code MiB}/{@code GiB} in any case.
     *
     * @param symbol the symbol
     * @return the unit
     * @throws IllegalArgumentException if the symbol is unknown
     */
    public static DataUnit parse(String symbol) {
        for (DataUnit unit : values()) {
            if (unit.symbol.equalsIgnoreCase(symbol)) {
                return unit;
            }
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "The data unit (%s) is not one of B, KB, MB, GB, KiB, MiB, GiB.%nMaybe write 1MB (10^6 bytes).",
                symbol));
    }
}
