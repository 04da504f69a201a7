package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void aLimitReadsAsWholeUnitsAndAnyOtherSizeWithOneDecimal() {
        assertEquals("16 MiB", ByteSize.text(16L << 20));
        assertEquals("4 GiB", ByteSize.text(4L << 30));
        assertEquals("1.5 KiB", ByteSize.text(1536));
        assertEquals("12.3 MiB", ByteSize.text(Math.round(12.3 * (1 << 20))));
        assertEquals("1,000 bytes", ByteSize.text(1000));
        assertEquals("0 bytes", ByteSize.text(0));
    }
}
