package ai.lepton.train.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A folder held by one thread of one process at a time, so that the trials of a sweep (threads of one kernel, or
 * processes of their own) that need the same download wait for the first one's instead of each fetching it: a lock
 * within this process, then the operating system's lock on a file in the folder, which other processes respect. A
 * thread interrupt ends either wait. The lock file stays (deleting it would let two processes lock two different
 * files of one name).
 */
final class FolderLock implements AutoCloseable {

    /** The lock file in the folder: hidden, and never a download's name (those have no leading dot). */
    static final String FILE = ".lock";

    /** Java's file locks belong to the process, so the threads of this one take turns here first. */
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code folder} (made if missing), waiting while another thread or process holds it.
     *
     * @throws InterruptedException the thread was interrupted while it waited; its interrupt stays set
     */
    static FolderLock take(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE).toAbsolutePath().normalize();
        ReentrantLock local = IN_THIS_PROCESS.computeIfAbsent(file, key -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new FolderLock(local, channel, channel.lock()); // an interrupt closes the channel and ends the wait
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            if (Thread.currentThread().isInterrupted()) {
                throw (InterruptedException)
                        new InterruptedException("interrupted while waiting for " + file).initCause(e);
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
