package io.filprover.cli;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.Commit2Result;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A succeeded SEAL_C2 job's result as the CLI shows and writes it (a real one needs the circuit's
 * parameters on a worker: its shape is fixed by the proto, so it is built here).
 */
class C2ResultTest {
    @Test
    void awaitOutWritesTheProofBytesAndFieldsShowPartitionsAndHex(@TempDir Path dir) throws Exception {
        byte[] proof = new byte[2 * 192];
        new Random().nextBytes(proof);
        Job job = Job.newBuilder().setJobId("j").setKind(JobKind.JOB_KIND_SEAL_C2).setState(JobState.JOB_STATE_SUCCEEDED)
                .setResult(JobResult.newBuilder().setVerified(true).setSealC2(Commit2Result.newBuilder()
                        .setProof(ByteString.copyFrom(proof)).setPartitions(2))).build();
        Path out = dir.resolve("sub").resolve("proof.bin");
        ResultPayloads.write(null, job, out); // inline: no coordinator is asked
        assertArrayEquals(proof, Files.readAllBytes(out));
        assertArrayEquals(proof, ResultPayloads.bytes(null, job.getResult()));
        Map<String, Object> m = ServiceCommands.fields(job);
        assertEquals("seal-c2", m.get("kind"));
        assertEquals(2, m.get("partitions"));
        assertEquals(384, m.get("proof_bytes"));
        assertEquals(java.util.HexFormat.of().formatHex(proof), m.get("proof"));
        assertEquals(true, m.get("verified"));
        assertEquals(JobKind.JOB_KIND_SEAL_C2, ServiceCommands.parseKind("seal-c2"));
    }
}
