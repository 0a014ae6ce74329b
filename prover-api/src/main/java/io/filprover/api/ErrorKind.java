package io.filprover.api;

/**
 * What went wrong, in the classes a caller acts on differently. The CLI maps each to an exit code
 * and the service to a gRPC status, each in one place.
 */
public enum ErrorKind {
    /** The caller's input is malformed or out of range; names the field. */
    INVALID_INPUT,
    /** Something the request names (a file, a job, a parameter file) does not exist. */
    NOT_FOUND,
    /** The request is well formed but cannot run as things are (e.g. an output path is unusable). */
    PRECONDITION,
    /** The backend asked for cannot run here; says why. */
    BACKEND_UNAVAILABLE,
    /** The job was cancelled before it finished; nothing that looks complete was left. */
    CANCELLED,
    /** A proof was checked and does not verify. */
    PROOF_REJECTED,
    /** A defect or an environment failure: not the caller's fault. */
    INTERNAL
}
