package ai.lepton.fuzz;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * What a piece of work costs in memory, measured rather than timed: the Java heap it allocates and the direct buffers
 * it leaves reserved (where DJL reads arrays into, out of the heap's sight).
 */
public final class MemoryUse {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final BufferPoolMXBean DIRECT = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct"))
            .findFirst()
            .orElseThrow();

    private MemoryUse() {}

    /** The bytes this thread has allocated on the heap so far: the difference over a piece of work is what it allocated. */
    public static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** The bytes of direct buffers reserved now, by any thread. */
    public static long directBuffers() {
        return DIRECT.getMemoryUsed();
    }
}
