package ai.lepton.base;

import java.util.Locale;

/**
 * A count of bytes as messages and views show it, in the binary units {@code -Xmx} and the size settings count in: a
 * whole number of units where it is one ({@code 16 MiB}, {@code 4 GiB}, what a limit usually is), else one decimal
 * ({@code 12.3 MiB}); below a kibibyte the bytes themselves ({@code 1,000 bytes}).
 */
public final class ByteSize {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {}

    public static String text(long bytes) {
        for (int i = UNITS.length; i > 0; i--) {
            long unit = 1L << (10 * i);
            if (bytes >= unit) {
                return bytes % unit == 0
                        ? bytes / unit + " " + UNITS[i - 1]
                        : String.format(Locale.ROOT, "%.1f %s", bytes / (double) unit, UNITS[i - 1]);
            }
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
