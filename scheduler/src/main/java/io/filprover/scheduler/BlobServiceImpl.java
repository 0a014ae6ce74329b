package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.BlobChunk;
import io.filprover.proto.v1.BlobRef;
import io.filprover.proto.v1.BlobServiceGrpc;
import io.filprover.proto.v1.DownloadRequest;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.UploadRequest;
import io.filprover.scheduler.store.BlobStore;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code BlobService} on a coordinator: payloads past the message limit, uploaded and downloaded in
 * chunks. An upload that breaks off, says a wrong size or digest, or exceeds the limit stores nothing.
 */
final class BlobServiceImpl extends BlobServiceGrpc.BlobServiceImplBase {
    /** Bytes per downloaded chunk: well under any message limit. */
    static final int DOWNLOAD_CHUNK = BlobStore.CHUNK_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final Coordinator c;

    BlobServiceImpl(Coordinator c) {
        this.c = c;
    }

    @Override
    public StreamObserver<UploadRequest> upload(StreamObserver<BlobRef> obs) {
        return new StreamObserver<>() {
            private BlobStore.Upload upload;
            private byte[] expected;
            private boolean failed;

            @Override
            public void onNext(UploadRequest r) {
                if (failed) {
                    return;
                }
                try {
                    if (upload == null) {
                        if (!r.hasHeader()) {
                            throw Coordinator.invalid("header: missing (the first message of an upload is its header)");
                        }
                        long size = r.getHeader().getSize();
                        if (size <= 0) {
                            throw Coordinator.invalid("header.size: must be positive, got " + Long.toUnsignedString(size));
                        }
                        if (size > c.config.maxBlobBytes) {
                            throw Coordinator.invalid("header.size: " + Long.toUnsignedString(size)
                                    + " bytes is more than this coordinator's blob limit of " + c.config.maxBlobBytes);
                        }
                        int digest = r.getHeader().getSha256().size();
                        if (digest != 0 && digest != 32) {
                            throw Coordinator.invalid("header.sha256: must be 32 bytes, got " + digest);
                        }
                        upload = c.store.blobs().begin(size, c.clock.getAsLong());
                        expected = r.getHeader().getSha256().toByteArray();
                    } else if (r.hasHeader()) {
                        throw Coordinator.invalid("header: sent twice");
                    } else {
                        ByteString chunk = r.getChunk();
                        byte[] bytes = chunk.toByteArray();
                        upload.write(bytes, 0, bytes.length);
                    }
                } catch (RuntimeException e) {
                    fail(e);
                }
            }

            private void fail(RuntimeException e) {
                failed = true;
                if (upload != null) {
                    upload.close();
                }
                obs.onError(Coordinator.status(e));
            }

            @Override
            public void onError(Throwable t) {
                if (upload != null) {
                    upload.close();
                }
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                if (upload == null) {
                    obs.onError(Coordinator.invalid("header: missing (the upload was empty)"));
                    return;
                }
                try (BlobStore.Upload u = upload) {
                    BlobStore.Blob b = u.finish(expected, c.clock.getAsLong());
                    obs.onNext(BlobRef.newBuilder().setBlobId(b.blobId()).setSize(b.size()).build());
                    obs.onCompleted();
                } catch (RuntimeException e) {
                    failed = true;
                    obs.onError(Coordinator.status(e));
                }
            }
        };
    }

    @Override
    public void download(DownloadRequest request, StreamObserver<BlobChunk> plain) {
        ServerCallStreamObserver<BlobChunk> obs = (ServerCallStreamObserver<BlobChunk>) plain;
        BlobStore.Blob blob;
        InputStream in;
        try {
            if (request.getBlobId().isEmpty()) {
                throw Coordinator.invalid("blob_id: missing");
            }
            blob = c.store.blobs().find(request.getBlobId()).orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("blob_id: no blob " + request.getBlobId()).asRuntimeException());
            if (request.getOffset() < 0 || request.getOffset() > blob.size()) {
                throw Coordinator.invalid("offset: " + Long.toUnsignedString(request.getOffset())
                        + " is past the blob's " + blob.size() + " bytes");
            }
            in = c.store.blobs().open(blob, request.getOffset());
        } catch (RuntimeException e) {
            obs.onError(Coordinator.status(e));
            return;
        }
        long[] offset = {request.getOffset()};
        boolean[] done = {false};
        obs.setOnCancelHandler(() -> close(in));
        // flow control: send while the client keeps up, resume when it is ready again
        obs.setOnReadyHandler(() -> {
            synchronized (done) {
                try {
                    while (!done[0] && obs.isReady()) {
                        byte[] buf = in.readNBytes(DOWNLOAD_CHUNK);
                        if (buf.length == 0) {
                            done[0] = true;
                            close(in);
                            obs.onCompleted();
                            return;
                        }
                        obs.onNext(BlobChunk.newBuilder().setOffset(offset[0]).setData(ByteString.copyFrom(buf))
                                .setBlobSize(blob.size()).build());
                        offset[0] += buf.length;
                    }
                } catch (IOException | RuntimeException e) {
                    done[0] = true;
                    close(in);
                    obs.onError(Status.INTERNAL.withDescription("reading blob " + blob.blobId() + ": " + e.getMessage())
                            .asRuntimeException());
                }
            }
        });
    }

    /** Removes blobs no job refers to once their time to live has passed, and abandoned uploads. */
    static void sweep(Coordinator c) {
        try {
            BlobStore.Sweep s = c.store.blobs().sweep(c.clock.getAsLong(), c.config.blobTtlMs, c.config.blobTtlMs);
            if (s.blobs() > 0 || s.abandonedUploads() > 0) {
                LOG.info("removed {} unreferenced blob(s) and {} chunk(s) of abandoned uploads", s.blobs(),
                        s.abandonedUploads());
            }
        } catch (RuntimeException e) {
            LOG.warn("sweeping blobs failed", e);
        }
    }

    /** The blobs a request names (they live as long as its job). */
    static List<String> namedBy(JobRequest r) {
        if (r.hasCommp() && r.getCommp().hasBlobId()) {
            return List.of(r.getCommp().getBlobId());
        }
        if (r.hasSealC2() && r.getSealC2().hasC1OutputBlobId()) {
            return List.of(r.getSealC2().getC1OutputBlobId());
        }
        return List.of();
    }

    /** The blobs a result names. */
    static List<String> namedBy(JobResult r) {
        List<String> ids = new ArrayList<>();
        if (r.hasSealC1() && r.getSealC1().hasC1OutputBlob()) {
            ids.add(r.getSealC1().getC1OutputBlob().getBlobId());
        }
        if (r.hasPost() && r.getPost().hasProofsBlob()) {
            ids.add(r.getPost().getProofsBlob().getBlobId());
        }
        return ids;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a database-backed stream holds nothing open between reads
        }
    }
}
