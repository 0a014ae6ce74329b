package io.filprover.scheduler;

import java.util.Locale;

/**
 * What a bearer token may do (docs/operations.md): {@code client} submits and reads its own jobs,
 * {@code worker} leases and reports, {@code admin} does everything, other clients' jobs and the
 * AdminService included. Every role may use BlobService.
 */
public enum Role {
    CLIENT, WORKER, ADMIN;

    /** The name in a token file: client, worker or admin. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String s) {
        for (Role r : values()) {
            if (r.label().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + s + "' (client, worker or admin)");
    }
}
