package io.filprover.kernels;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The kernels module's helper threads, written once: daemon threads (they never keep the JVM alive), named prefix-1, prefix-2, ... */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A cached pool of named daemon threads: idle ones end after a minute. */
    static ExecutorService cachedPool(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
