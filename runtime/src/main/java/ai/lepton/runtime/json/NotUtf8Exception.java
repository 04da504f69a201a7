package ai.lepton.runtime.json;

import java.io.IOException;

/**
 * Bytes that are not UTF-8: the message says which byte and where ("byte 0xFF at line 3, column 8"), for the caller to
 * put after the file or request it read. An {@link IOException}, so that it passes through a {@link java.io.Reader}.
 */
public final class NotUtf8Exception extends IOException {

    NotUtf8Exception(int badByte, String where) {
        super("byte 0x%02X %s is not UTF-8".formatted(badByte, where));
    }
}
