package dev.depot.server.resp;

import java.util.Locale;

/** How INFO (and the reports like it) write numbers: Redis's units and decimals, never the locale's. */
final class InfoFormat {
    private static final String[] UNITS = {"K", "M", "G", "T", "P"};

    private InfoFormat() {
    }

    static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@code used_memory_human}: whole bytes below 1K, else two decimals and a binary unit (1.50M). */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return twoDecimals(value) + UNITS[unit];
    }
}
