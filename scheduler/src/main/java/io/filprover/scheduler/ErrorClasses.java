package io.filprover.scheduler;

import io.filprover.api.ErrorKind;
import io.filprover.api.ProverException;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.JobError;

/** The one place a job's failure on a worker becomes an error class the store acts on. */
public final class ErrorClasses {
    private ErrorClasses() {
    }

    /** INVALID_INPUT, NOT_FOUND, PRECONDITION, PROOF_REJECTED: PERMANENT; BACKEND_UNAVAILABLE: DEVICE; CANCELLED: CANCELLED; the rest TEMPORARY. */
    public static ErrorClass of(ErrorKind kind) {
        switch (kind) {
            case INVALID_INPUT:
            case NOT_FOUND:
            case PRECONDITION:
            case PROOF_REJECTED:
                return ErrorClass.ERROR_CLASS_PERMANENT;
            case BACKEND_UNAVAILABLE:
                return ErrorClass.ERROR_CLASS_DEVICE;
            case CANCELLED:
                return ErrorClass.ERROR_CLASS_CANCELLED;
            case INTERNAL:
            default:
                return ErrorClass.ERROR_CLASS_TEMPORARY;
        }
    }

    /** A job that stopped because the coordinator asked it to yield (preemption): queued again, not counted. */
    public static JobError preempted() {
        return JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind("PREEMPTED")
                .setMessage("the job yielded its worker to a higher-priority job").build();
    }

    /**
     * The error to report for {@code t}; {@code handedBack} when the worker stopped the job itself
     * (shutting down), which is TEMPORARY so another worker runs it.
     */
    public static JobError of(Throwable t, boolean handedBack) {
        if (handedBack) {
            return JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind(ErrorKind.CANCELLED.name())
                    .setMessage("the worker stopped and handed the job back").build();
        }
        if (t instanceof io.filprover.proofs.params.ParametersNotFoundException) {
            // this worker's parameter cache lacks the file: not the client's fault, and another worker may
            // have it, so TEMPORARY (retried, placement prefers workers holding it); once the attempts are
            // spent the job ends FAILED with this message, which names the file
            ProverException p = (ProverException) t;
            return JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind(p.kind().name())
                    .setField(p.field()).setMessage("worker's parameter cache: " + p.getMessage()).build();
        }
        if (t instanceof ProverException) {
            ProverException p = (ProverException) t;
            return JobError.newBuilder().setErrorClass(of(p.kind())).setKind(p.kind().name()).setField(p.field())
                    .setMessage(String.valueOf(p.getMessage())).build();
        }
        if (t instanceof StoragePaths.FieldException) {
            StoragePaths.FieldException f = (StoragePaths.FieldException) t;
            return JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_PERMANENT)
                    .setKind(ErrorKind.INVALID_INPUT.name()).setField(f.field()).setMessage(f.getMessage()).build();
        }
        // IOException, a defect, an environment failure: another attempt may succeed
        return JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind(ErrorKind.INTERNAL.name())
                .setMessage(t.toString()).build();
    }
}
