package io.filprover.scheduler.store;

import java.io.InputStream;
import java.util.Optional;

/**
 * Payloads past the message limit, stored beside the jobs (the same database, so every coordinator
 * sharing a PostgreSQL queue sees them). A blob is named by the lowercase hex SHA-256 of its bytes:
 * the same bytes uploaded twice are one blob. An upload writes its chunks as they arrive and names
 * them only when every declared byte has come and the digest is known, so a blob is never partly
 * there. Blobs live while a job refers to them; others are swept after a time to live.
 */
public interface BlobStore {
    /** Bytes per stored chunk. */
    int CHUNK_BYTES = 1 << 20;

    /** Starts an upload of exactly {@code size} bytes; close without {@link Upload#finish} to abort. */
    Upload begin(long size, long now);

    Optional<Blob> find(String blobId);

    /** The blob's bytes from {@code offset}, read a chunk at a time. */
    InputStream open(Blob blob, long offset);

    /** Keeps {@code blobId} while job {@code jobId} exists; idempotent. */
    void reference(String blobId, String jobId);

    /**
     * Removes blobs created before {@code now − unreferencedTtlMs} that no job refers to, and the
     * chunks of uploads abandoned before {@code now − abandonedUploadMs}. How many of each it removed.
     */
    Sweep sweep(long now, long unreferencedTtlMs, long abandonedUploadMs);

    record Blob(String blobId, long size, long createdUnixMs) {
    }

    record Sweep(int blobs, int abandonedUploads) {
    }

    /** An upload in progress. */
    interface Upload extends AutoCloseable {
        /** Appends bytes; more than the declared size is a {@link BadUploadException} on "chunk". */
        void write(byte[] b, int off, int len);

        /**
         * Names the bytes: checks their count against the declared size and, when {@code expectedSha256}
         * is not null, their digest; the blob (an existing one when these bytes were stored before).
         */
        Blob finish(byte[] expectedSha256, long now);

        /** Drops what was written unless {@link #finish} succeeded. */
        @Override
        void close();
    }

    /** The upload is not what it said it was; names the request field. */
    final class BadUploadException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public BadUploadException(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
