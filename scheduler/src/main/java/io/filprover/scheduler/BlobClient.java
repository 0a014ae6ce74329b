package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.BlobChunk;
import io.filprover.proto.v1.BlobRef;
import io.filprover.proto.v1.BlobServiceGrpc;
import io.filprover.proto.v1.DownloadRequest;
import io.filprover.proto.v1.UploadHeader;
import io.filprover.proto.v1.UploadRequest;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@code BlobService}, for workers (large inputs and results) and the CLI (large
 * pieces, C1 outputs): uploads a stream in chunks with flow control, and reads a blob as a stream.
 */
public final class BlobClient {
    /** Bytes per uploaded chunk. */
    public static final int CHUNK = 1 << 20;

    private final Channel channel;

    public BlobClient(Channel channel) {
        this.channel = channel;
    }

    /** Uploads exactly {@code size} bytes of {@code in}; the stored blob. */
    public BlobRef upload(InputStream in, long size) throws IOException {
        CompletableFuture<BlobRef> answer = new CompletableFuture<>();
        Semaphore ready = new Semaphore(0);
        ClientCallStreamObserver<UploadRequest>[] call = newCallHolder();
        BlobServiceGrpc.newStub(channel).upload(new ClientResponseObserver<UploadRequest, BlobRef>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<UploadRequest> requests) {
                call[0] = requests;
                requests.setOnReadyHandler(ready::release);
            }

            @Override
            public void onNext(BlobRef ref) {
                answer.complete(ref);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
                ready.release();
            }

            @Override
            public void onCompleted() {
                answer.complete(null);
            }
        });
        ClientCallStreamObserver<UploadRequest> requests = call[0];
        MessageDigest sha256 = sha256();
        try {
            requests.onNext(UploadRequest.newBuilder().setHeader(UploadHeader.newBuilder().setSize(size)).build());
            byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, size))];
            long sent = 0;
            while (sent < size) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, size - sent));
                if (n == 0) {
                    throw new IOException("the input ended after " + sent + " of " + size + " bytes");
                }
                sha256.update(buf, 0, n);
                while (!requests.isReady() && !answer.isDone()) {
                    ready.tryAcquire(100, TimeUnit.MILLISECONDS);
                }
                if (answer.isDone()) {
                    break; // the server answered early: an error, reported below
                }
                requests.onNext(UploadRequest.newBuilder().setChunk(ByteString.copyFrom(buf, 0, n)).build());
                sent += n;
            }
            if (!answer.isDone()) {
                requests.onCompleted();
            }
        } catch (IOException | RuntimeException e) {
            requests.cancel("upload abandoned: " + e.getMessage(), e);
            throw e;
        } catch (InterruptedException e) {
            requests.cancel("interrupted", e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload interrupted");
        }
        BlobRef ref = result(answer);
        String local = java.util.HexFormat.of().formatHex(sha256.digest());
        if (ref == null || !ref.getBlobId().equals(local) || ref.getSize() != size) {
            throw new IOException("the coordinator stored blob " + (ref == null ? "none" : ref.getBlobId())
                    + " for bytes whose SHA-256 is " + local);
        }
        return ref;
    }

    /** The blob's bytes; the first chunk is read at once, so a missing blob fails here. */
    public Download download(String blobId) {
        Context.CancellableContext ctx = Context.current().withCancellation();
        Context previous = ctx.attach();
        try {
            Iterator<BlobChunk> it = BlobServiceGrpc.newBlockingStub(channel)
                    .download(DownloadRequest.newBuilder().setBlobId(blobId).build());
            return new Download(it, ctx);
        } catch (RuntimeException e) {
            ctx.cancel(e);
            throw e;
        } finally {
            ctx.detach(previous);
        }
    }

    /** A blob being read; {@link #size()} is known from its first chunk. */
    public static final class Download extends InputStream {
        private final Iterator<BlobChunk> chunks;
        private final Context.CancellableContext call;
        private final long size;
        private ByteString current;
        private int at;
        private long read;

        private Download(Iterator<BlobChunk> chunks, Context.CancellableContext call) {
            this.chunks = chunks;
            this.call = call;
            if (chunks.hasNext()) {
                BlobChunk first = chunks.next();
                current = first.getData();
                size = first.getBlobSize();
            } else {
                current = ByteString.EMPTY;
                size = 0;
            }
        }

        public long size() {
            return size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                while (at == current.size()) {
                    if (!chunks.hasNext()) {
                        if (read != size) {
                            throw new IOException("the blob ended after " + read + " of " + size + " bytes");
                        }
                        return -1;
                    }
                    current = chunks.next().getData();
                    at = 0;
                }
            } catch (StatusRuntimeException e) {
                throw new IOException("reading the blob failed: " + e.getStatus(), e);
            }
            int n = Math.min(len, current.size() - at);
            current.copyTo(b, at, off, n);
            at += n;
            read += n;
            return n;
        }

        @Override
        public void close() {
            call.cancel(null);
        }
    }

    private static BlobRef result(CompletableFuture<BlobRef> answer) throws IOException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException s) {
                throw s;
            }
            throw new IOException("upload failed: " + e.getCause(), e.getCause());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ClientCallStreamObserver<UploadRequest>[] newCallHolder() {
        return new ClientCallStreamObserver[1];
    }
}
