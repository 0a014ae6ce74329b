package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.proofs.api.OutputPaths;
import io.filprover.proto.v1.BlobRef;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobResult;
import io.filprover.scheduler.BlobClient;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The payload of a job's result (C1 output, C2 proof, PoSt proofs), inline or as a blob, written to a file. */
final class ResultPayloads {
    private ResultPayloads() {
    }

    /** The payload's bytes (C1 output, C2 proof or PoSt proofs), read from its blob when it travelled as one. */
    static byte[] bytes(io.grpc.Channel channel, JobResult r) throws IOException {
        if (r.hasSealC2()) {
            return r.getSealC2().getProof().toByteArray();
        }
        BlobRef blob = r.hasSealC1() && r.getSealC1().hasC1OutputBlob() ? r.getSealC1().getC1OutputBlob()
                : r.hasPost() && r.getPost().hasProofsBlob() ? r.getPost().getProofsBlob() : null;
        if (blob == null) {
            return r.hasSealC1() ? r.getSealC1().getC1Output().toByteArray() : r.getPost().getProofs().toByteArray();
        }
        try (InputStream in = new BlobClient(channel).download(blob.getBlobId())) {
            return in.readAllBytes();
        }
    }

    /** Writes the payload under a temporary name, renamed when complete ({@link OutputPaths#writeAtomically}). */
    static void write(ServiceCommands.ClientOptions client, Job job, Path out) throws IOException {
        JobResult r = job.getResult();
        BlobRef blob;
        com.google.protobuf.ByteString inline;
        if (r.hasSealC1()) {
            blob = r.getSealC1().hasC1OutputBlob() ? r.getSealC1().getC1OutputBlob() : null;
            inline = r.getSealC1().getC1Output();
        } else if (r.hasSealC2()) {
            blob = null; // at most 192 bytes a partition: always inline
            inline = r.getSealC2().getProof();
        } else if (r.hasPost()) {
            blob = r.getPost().hasProofsBlob() ? r.getPost().getProofsBlob() : null;
            inline = r.getPost().getProofs();
        } else {
            throw new InvalidInputException("out", "a " + ServiceCommands.kindName(job.getKind())
                    + " job has no payload to write; --out is for seal-c1, seal-c2 and PoSt jobs");
        }
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        OutputPaths.writeAtomically(abs, o -> {
            if (blob == null) {
                o.write(inline.toByteArray());
                return;
            }
            ManagedChannel ch = client.open();
            try (InputStream in = new BlobClient(ch).download(blob.getBlobId())) {
                long n = in.transferTo(o);
                if (n != blob.getSize()) {
                    throw new IOException("blob " + blob.getBlobId() + " gave " + n + " bytes, not " + blob.getSize());
                }
            } catch (StatusRuntimeException e) {
                throw ServiceCommands.clientError(client, e);
            } finally {
                ch.shutdownNow();
            }
        });
    }
}
