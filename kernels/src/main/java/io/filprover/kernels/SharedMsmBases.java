package io.filprover.kernels;

import io.filprover.api.kernels.HostMsmBases;
import io.filprover.api.kernels.MsmBases;

/**
 * What a backend's own MSM-bases handle does alike, written once: it keeps the caller's host range
 * (which a cpu fallback reads) and counts the calls running on it, so that {@link #close()} never frees
 * what a running call uses: the handle's resources go when the last call ends ({@link #freeResources()}),
 * and the owner forgets the handle at once ({@link #forget()}).
 */
abstract class SharedMsmBases implements MsmBases {
    final HostMsmBases host;
    private int running;
    private boolean closed;

    SharedMsmBases(HostMsmBases host) {
        this.host = host;
    }

    /** Frees what the handle holds beyond the host range; called once, under the handle's lock. */
    abstract void freeResources();

    /** Tells the owner the handle is closed (called once, outside the handle's lock). */
    abstract void forget();

    @Override
    public Group group() {
        return host.group();
    }

    @Override
    public int count() {
        return host.count();
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Marks a call running on the handle; it must {@link #end()}. */
    synchronized void begin() {
        if (closed) {
            throw new IllegalStateException("msm" + group() + ": the bases' handle is closed");
        }
        running++;
    }

    synchronized void end() {
        if (--running == 0 && closed) {
            freeResources();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            host.close();
            if (running == 0) {
                freeResources();
            }
        }
        forget();
    }

    /** " (closed)" once closed, else nothing: for the subclasses' toString. */
    synchronized String closedSuffix() {
        return closed ? " (closed)" : "";
    }
}
