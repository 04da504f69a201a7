package ai.lepton.runtime;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** What a piece of work costs in memory, measured rather than timed: the Java heap it allocates and the direct buffers it leaves reserved. */
final class MemoryUse {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private MemoryUse() {}

    /** The bytes this thread has allocated on the heap so far: the difference over a piece of work is what it allocated. */
    static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** The bytes of direct buffers (where DJL reads arrays into) reserved now. */
    static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }
}
