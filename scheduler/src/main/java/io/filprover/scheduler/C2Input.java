package io.filprover.scheduler;

import io.filprover.api.ProverException;
import io.filprover.api.RegisteredSealProof;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit1Files;
import io.filprover.proofs.porep.Phase1OutputJson;
import io.filprover.scheduler.StoragePaths.FieldException;

/**
 * A SEAL_C2 job's C1 output read as {@code filprover prove c2} reads it (upstream
 * {@code SealCommitPhase1Output} JSON, lotus-bench's wrapper or the legacy format), and checked to be
 * a sector of the registered seal proof the request names. The coordinator decodes inline outputs at
 * submit (INVALID_ARGUMENT), the worker blob outputs before proving (a PERMANENT INVALID_INPUT
 * failure): both through here, so both refuse the same outputs with the same messages.
 */
final class C2Input {
    private C2Input() {
    }

    /**
     * The decoded output; a {@link FieldException} on {@code field} whose reason is the decoder's
     * JSON path and problem when the bytes are not a C1 output of {@code registeredSealProof}.
     */
    static Commit1.Output decode(byte[] bytes, long registeredSealProof, String field) {
        Commit1.Output out;
        RegisteredSealProof named;
        try {
            out = Commit1Files.decode(bytes).output();
            named = Phase1OutputJson.registeredProof(out);
        } catch (ProverException e) {
            throw new FieldException(field, e.oneLine());
        } catch (RuntimeException e) {
            // the decoders report bad input as ProverException; anything else still means unreadable bytes
            throw new FieldException(field, "not a C1 output: " + e);
        }
        RegisteredSealProof asked = RegisteredSealProof.ofId(registeredSealProof);
        if (named != asked) {
            throw new FieldException(field, "the output is a " + named.upstreamName() + " sector's (id " + named.id()
                    + "), not registered_seal_proof " + asked.upstreamName() + " (id " + asked.id() + ")");
        }
        return out;
    }
}
