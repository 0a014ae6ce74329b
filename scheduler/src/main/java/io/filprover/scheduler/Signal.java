package io.filprover.scheduler;

/**
 * A change counter waiters block on: whoever changes a job fires it, and every waiter re-reads what
 * it waits for. A waiter takes the version before it reads, so no change between its read and its
 * wait is missed.
 */
final class Signal {
    private long version;

    synchronized long version() {
        return version;
    }

    synchronized void fire() {
        version++;
        notifyAll();
    }

    /** Waits until the version moves past {@code seen} or {@code millis} pass; true if it moved. */
    synchronized boolean await(long seen, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (version == seen) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
