package io.filprover.scheduler.store;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@link BlobStore} over JDBC (the tables of migration V3), on the job store's data source. */
public final class JdbcBlobStore implements BlobStore {
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{64}");

    private final DataSource dataSource;

    public JdbcBlobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether {@code s} has the form of a blob id (64 lowercase hex digits). */
    public static boolean isBlobId(String s) {
        return s != null && BLOB_ID.matcher(s).matches();
    }

    @Override
    public Upload begin(long size, long now) {
        if (size <= 0) {
            throw new BadUploadException("header.size", "must be positive, got " + Long.toUnsignedString(size));
        }
        return new JdbcUpload(size, now);
    }

    @Override
    public Optional<Blob> find(String blobId) {
        if (!isBlobId(blobId)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT size, created_ms FROM blobs WHERE blob_id = ?")) {
            ps.setString(1, blobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Blob(blobId, rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JobStoreException("cannot read blob " + blobId, e);
        }
    }

    @Override
    public InputStream open(Blob blob, long offset) {
        if (offset < 0 || offset > blob.size()) {
            throw new BadUploadException("offset", offset + " is outside the blob's " + blob.size() + " bytes");
        }
        String uploadId;
        int chunkSize;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT upload_id, chunk_size FROM blobs WHERE blob_id = ?")) {
            ps.setString(1, blob.blobId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobStoreException("blob " + blob.blobId() + " was removed", null);
                }
                uploadId = rs.getString(1);
                chunkSize = rs.getInt(2);
            }
        } catch (SQLException e) {
            throw new JobStoreException("cannot read blob " + blob.blobId(), e);
        }
        return new ChunkStream(uploadId, chunkSize, blob.size(), offset);
    }

    @Override
    public void reference(String blobId, String jobId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM blob_refs WHERE blob_id = ? AND job_id = ?")) {
                ps.setString(1, blobId);
                ps.setString(2, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO blob_refs (blob_id, job_id) VALUES (?, ?)")) {
                ps.setString(1, blobId);
                ps.setString(2, jobId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new JobStoreException("cannot record that job " + jobId + " uses blob " + blobId, e);
        }
    }

    @Override
    public Sweep sweep(long now, long unreferencedTtlMs, long abandonedUploadMs) {
        try (Connection c = dataSource.getConnection()) {
            int blobs = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT blob_id, upload_id FROM blobs b WHERE created_ms < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM blob_refs r WHERE r.blob_id = b.blob_id)")) {
                ps.setLong(1, now - unreferencedTtlMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // the row first: a reader never finds a blob whose chunks are gone
                        blobs += update(c, "DELETE FROM blobs WHERE blob_id = ?", rs.getString(1));
                        update(c, "DELETE FROM blob_chunks WHERE upload_id = ?", rs.getString(2));
                    }
                }
            }
            int abandoned;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM blob_chunks WHERE created_ms < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.upload_id = blob_chunks.upload_id)")) {
                ps.setLong(1, now - abandonedUploadMs);
                abandoned = ps.executeUpdate();
            }
            return new Sweep(blobs, abandoned);
        } catch (SQLException e) {
            throw new JobStoreException("cannot sweep blobs", e);
        }
    }

    private static int update(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return ps.executeUpdate();
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        // 23505: unique violation on both PostgreSQL and H2
        return "23505".equals(e.getSQLState());
    }

    private final class JdbcUpload implements Upload {
        private final String uploadId = UUID.randomUUID().toString();
        private final long size;
        private final long started;
        private final MessageDigest sha256;
        private final byte[] buffer;
        private int buffered;
        private long received;
        private int seq;
        private boolean finished;

        JdbcUpload(long size, long started) {
            this.size = size;
            this.started = started;
            this.buffer = new byte[(int) Math.min(CHUNK_BYTES, size)];
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (received + len > size) {
                throw new BadUploadException("chunk", "more bytes than header.size (" + size + ")");
            }
            sha256.update(b, off, len);
            received += len;
            while (len > 0) {
                int n = Math.min(len, buffer.length - buffered);
                System.arraycopy(b, off, buffer, buffered, n);
                buffered += n;
                off += n;
                len -= n;
                if (buffered == buffer.length) {
                    flush();
                }
            }
        }

        private void flush() {
            if (buffered == 0) {
                return;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO blob_chunks (upload_id, seq, data, created_ms) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, uploadId);
                ps.setInt(2, seq++);
                ps.setBytes(3, Arrays.copyOf(buffer, buffered));
                ps.setLong(4, started);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new JobStoreException("cannot store an uploaded chunk", e);
            }
            buffered = 0;
        }

        @Override
        public Blob finish(byte[] expectedSha256, long now) {
            if (received != size) {
                throw new BadUploadException("chunk", received + " bytes received, header.size said " + size);
            }
            byte[] digest = sha256.digest();
            if (expectedSha256 != null && expectedSha256.length > 0 && !MessageDigest.isEqual(digest, expectedSha256)) {
                throw new BadUploadException("header.sha256", "does not match the bytes received (their SHA-256 is "
                        + HexFormat.of().formatHex(digest) + ")");
            }
            flush();
            String blobId = HexFormat.of().formatHex(digest);
            Optional<Blob> existing = find(blobId);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO blobs (blob_id, upload_id, size, chunk_size, created_ms) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, blobId);
                ps.setString(2, uploadId);
                ps.setLong(3, size);
                ps.setInt(4, buffer.length);
                ps.setLong(5, now);
                ps.executeUpdate();
                finished = true;
                return new Blob(blobId, size, now);
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    // the same bytes finished by another upload meanwhile
                    return find(blobId).orElseThrow(() -> new JobStoreException("blob " + blobId + " vanished", e));
                }
                throw new JobStoreException("cannot store blob " + blobId, e);
            }
        }

        @Override
        public void close() {
            if (finished) {
                return;
            }
            try (Connection c = dataSource.getConnection()) {
                update(c, "DELETE FROM blob_chunks WHERE upload_id = ?", uploadId);
            } catch (SQLException e) {
                // the sweep removes abandoned chunks later
            }
        }
    }

    /** Reads chunk rows one at a time. */
    private final class ChunkStream extends InputStream {
        private final String uploadId;
        private final int chunkSize;
        private final long size;
        private long position;
        private byte[] chunk;
        private int at;

        ChunkStream(String uploadId, int chunkSize, long size, long offset) {
            this.uploadId = uploadId;
            this.chunkSize = chunkSize;
            this.size = size;
            this.position = offset;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            if (chunk == null || at == chunk.length) {
                load();
            }
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            position += n;
            return n;
        }

        private void load() throws IOException {
            int seq = (int) (position / chunkSize);
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT data FROM blob_chunks WHERE upload_id = ? AND seq = ?")) {
                ps.setString(1, uploadId);
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IOException("blob chunk " + seq + " is missing (the blob was removed)");
                    }
                    chunk = rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IOException("cannot read blob chunk " + seq, e);
            }
            at = (int) (position - (long) seq * chunkSize);
        }
    }
}
