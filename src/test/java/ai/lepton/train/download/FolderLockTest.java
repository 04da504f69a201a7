package ai.lepton.train.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A download's folder is held by one process at a time, and a thread waiting for it stops at an interrupt. */
class FolderLockTest {

    /** Holds the lock on the file it is given until its standard input closes. */
    private static final String HOLDER = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            class Holder {
                public static void main(String[] arguments) throws Exception {
                    try (var channel = FileChannel.open(
                                    Path.of(arguments[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                            var lock = channel.lock()) {
                        System.out.println("locked");
                        System.in.read();
                    }
                }
            }
            """;

    @Test
    void aLockAnotherProcessHoldsIsWaitedForAndAnInterruptEndsTheWait(@TempDir Path folder) throws Exception {
        Path source = Files.writeString(folder.resolve("Holder.java"), HOLDER);
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process holder = new ProcessBuilder(
                        java.toString(),
                        source.toString(),
                        folder.resolve(FolderLock.FILE).toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", assertTimeoutPreemptively(Duration.ofSeconds(60), said::readLine));

            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread waiting = new Thread(() -> {
                try (FolderLock lock = FolderLock.take(folder)) {
                    ended.set(new AssertionError("took the lock another process holds"));
                } catch (Exception e) {
                    ended.set(e);
                }
            });
            waiting.start();
            waiting.join(500);
            assertTrue(waiting.isAlive(), "it waits while the other process holds the folder");
            waiting.interrupt();
            waiting.join(Duration.ofSeconds(30));
            assertFalse(waiting.isAlive(), "the interrupt ended the wait");
            assertInstanceOf(InterruptedException.class, ended.get());

            holder.getOutputStream().close(); // the other process lets go
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                holder.waitFor();
                try (FolderLock lock = FolderLock.take(folder)) {
                    assertTrue(Files.exists(folder.resolve(FolderLock.FILE)));
                }
            });
        } finally {
            holder.destroy();
        }
    }
}
