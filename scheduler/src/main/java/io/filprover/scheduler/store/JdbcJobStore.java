package io.filprover.scheduler.store;

import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Priority;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.filprover.scheduler.store.JobRows.COLS;
import static io.filprover.scheduler.store.JobRows.defaultPriority;
import static io.filprover.scheduler.store.JobRows.job;
import static io.filprover.scheduler.store.JobRows.jobs;
import static io.filprover.scheduler.store.JobRows.kind;
import static io.filprover.scheduler.store.JobRows.name;
import static io.filprover.scheduler.store.JobRows.read;

/**
 * {@link JobStore} over JDBC: H2 2.x (embedded) or PostgreSQL (shared by several coordinators).
 * The schema comes from the Flyway migrations under {@code db/migration} (see {@link JobStores}).
 *
 * <p>Attempts are counted when a job is claimed, so a job whose worker vanished (lease expired) or
 * whose coordinator died mid-run still used up an attempt. A lease stays current while its job is
 * RUNNING under it: past its deadline it can still be renewed or ended until {@link #expireLeases}
 * returns the job to the queue — nobody else holds the job meanwhile, so one result is still stored.
 */
public final class JdbcJobStore implements JobStore {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Backoff after the n-th failed attempt: BACKOFF_BASE_MS · 2^(n−1), at most BACKOFF_CAP_MS. */
    public static final long BACKOFF_BASE_MS = 1_000;
    public static final long BACKOFF_CAP_MS = 60_000;

    // H2 applies LIMIT before SKIP LOCKED (a locked first row yields no row at all), so on H2 the
    // claim reads a few candidates without locks and takes the first one a conditional UPDATE wins.
    private static final int H2_CANDIDATES = 8;
    private static final String QUEUED = "QUEUED";
    private static final String RUNNING = "RUNNING";

    private final DataSource dataSource;
    private final AutoCloseable onClose;
    private final int maxAttempts;
    private final boolean skipLocked;
    private final BlobStore blobs;

    /**
     * @param dataSource a pooled data source on a migrated database
     * @param maxAttempts attempts a job gets before a temporary error or an expired lease ends it FAILED
     * @param onClose closed by {@link #close()} (the pool), or null
     */
    public JdbcJobStore(DataSource dataSource, int maxAttempts, AutoCloseable onClose) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        this.dataSource = dataSource;
        this.maxAttempts = maxAttempts;
        this.onClose = onClose;
        this.blobs = new JdbcBlobStore(dataSource);
        try (Connection c = dataSource.getConnection()) {
            this.skipLocked = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new JobStoreException("cannot reach the job store database", e);
        }
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public SubmitOutcome submit(NewJob job, long now) {
        validate(job);
        Priority priority = job.priority() == Priority.PRIORITY_UNSPECIFIED ? defaultPriority(job.kind()) : job.priority();
        String hash = sha256(job.request());
        return run(c -> {
            c.setAutoCommit(true);
            Optional<SubmitOutcome> before = existing(c, job, hash);
            if (before.isPresent()) {
                return before.get();
            }
            String jobId = UUID.randomUUID().toString();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (job_id, request_id, kind, state, priority, "
                    + "deadline_ms, created_ms, request_data, request_hash, not_before, need_ram, need_gpu, params) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, jobId);
                ps.setString(2, job.requestId());
                ps.setString(3, name(job.kind()));
                ps.setString(4, QUEUED);
                ps.setInt(5, priority.getNumber());
                ps.setLong(6, job.deadlineUnixMs());
                ps.setLong(7, now);
                ps.setBytes(8, job.request());
                ps.setString(9, hash);
                ps.setLong(10, now);
                ps.setLong(11, Math.max(0, job.needRamBytes()));
                ps.setLong(12, Math.max(0, job.needGpuBytes()));
                ps.setString(13, job.params() == null ? "" : job.params());
                ps.executeUpdate();
            } catch (SQLException e) {
                // Another submit of the same request id won the race: answer as if it came first.
                if ("23505".equals(e.getSQLState())) {
                    return existing(c, job, hash).orElseThrow(() -> e);
                }
                throw e;
            }
            return new SubmitOutcome(read(c, jobId).orElseThrow(), true);
        });
    }

    private Optional<SubmitOutcome> existing(Connection c, NewJob job, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + ", request_hash FROM jobs WHERE request_id = ?")) {
            ps.setString(1, job.requestId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                StoredJob stored = job(rs);
                if (!hash.equals(rs.getString("request_hash")) || !Arrays.equals(stored.request(), job.request())) {
                    throw new DuplicateRequestException(job.requestId(), stored.jobId());
                }
                return Optional.of(new SubmitOutcome(stored, false));
            }
        }
    }

    @Override
    public Optional<StoredJob> get(String jobId) {
        return run(c -> read(c, jobId));
    }

    @Override
    public List<StoredJob> list(JobFilter filter, int limit, String afterJobId) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        JobFilter f = filter == null ? JobFilter.ALL : filter;
        return run(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLS + " FROM jobs WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            if (f.state() != null && f.state() != JobState.JOB_STATE_UNSPECIFIED) {
                sql.append(" AND state = ?");
                args.add(name(f.state()));
            }
            if (f.kind() != null && f.kind() != JobKind.JOB_KIND_UNSPECIFIED) {
                sql.append(" AND kind = ?");
                args.add(name(f.kind()));
            }
            if (f.sinceUnixMs() > 0) {
                sql.append(" AND created_ms >= ?");
                args.add(f.sinceUnixMs());
            }
            if (afterJobId != null && !afterJobId.isEmpty()) {
                long[] pos = position(c, afterJobId);
                sql.append(" AND (created_ms > ? OR (created_ms = ? AND seq > ?))");
                args.add(pos[0]);
                args.add(pos[0]);
                args.add(pos[1]);
            }
            sql.append(" ORDER BY created_ms, seq LIMIT ?");
            args.add(limit);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return jobs(ps);
            }
        });
    }

    /** The (created_ms, seq) of a page token's job. */
    private static long[] position(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT created_ms, seq FROM jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("unknown page token (job id) " + jobId);
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    @Override
    public Optional<Lease> claim(Claim claim) {
        Set<JobKind> kinds = claim.kinds();
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        String workerId = claim.workerId();
        long now = claim.now();
        String leaseId = UUID.randomUUID().toString();
        long deadline = now + claim.leaseMs();
        String kindList = String.join(",", java.util.Collections.nCopies(kinds.size(), "?"));
        List<String> avoid = List.copyOf(claim.avoidParams());
        String select = "SELECT job_id FROM jobs WHERE state = 'QUEUED' AND not_before <= ? AND kind IN (" + kindList
                + ") AND need_ram <= ? AND need_gpu <= ?"
                + (avoid.isEmpty() ? "" : " AND params NOT IN (" + String.join(",", java.util.Collections.nCopies(avoid.size(), "?")) + ")")
                + " ORDER BY " + effectivePriority() + " DESC, created_ms, seq LIMIT "
                + (skipLocked ? "1 FOR UPDATE SKIP LOCKED" : H2_CANDIDATES);
        // no aging: a step longer than any wait
        long aging = claim.agingMs() > 0 ? claim.agingMs() : Long.MAX_VALUE;
        return transaction(c -> {
            // Each round either claims a job or sees every candidate taken by another claimer, who
            // made progress; it ends when no queued job is left to see.
            while (true) {
                List<String> candidates = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(select)) {
                    int i = 1;
                    ps.setLong(i++, now);
                    for (JobKind k : kinds) {
                        ps.setString(i++, name(k));
                    }
                    ps.setLong(i++, claim.freeRamBytes());
                    ps.setLong(i++, claim.freeGpuBytes());
                    for (String p : avoid) {
                        ps.setString(i++, p);
                    }
                    ps.setLong(i++, now);
                    ps.setLong(i++, aging);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            candidates.add(rs.getString(1));
                        }
                    }
                }
                if (candidates.isEmpty()) {
                    return Optional.empty();
                }
                for (String jobId : candidates) {
                    // The state check is the guarantee: both databases recheck it after the row lock.
                    try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'RUNNING', lease_id = ?, "
                            + "lease_deadline = ?, worker_id = ?, started_ms = ?, attempts = attempts + 1 "
                            + "WHERE job_id = ? AND state = 'QUEUED'")) {
                        ps.setString(1, leaseId);
                        ps.setLong(2, deadline);
                        ps.setString(3, workerId);
                        ps.setLong(4, now);
                        ps.setString(5, jobId);
                        if (ps.executeUpdate() == 1) {
                            return Optional.of(new Lease(leaseId, read(c, jobId).orElseThrow(), deadline));
                        }
                    }
                }
            }
        });
    }

    /**
     * The fairness rule's ordering key (JobStore#claim(Claim)): HIGH (3) and CRITICAL (4) as they are,
     * LOW and NORMAL raised one step per aging period waited, at most to HIGH. Two parameters: now, aging.
     */
    private static String effectivePriority() {
        return "CASE WHEN priority >= 3 THEN priority "
                + "ELSE LEAST(3, priority + (CAST(? AS BIGINT) - created_ms) / CAST(? AS BIGINT)) END";
    }

    @Override
    public boolean yield(String leaseId, long now) {
        byte[] cancelled = JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_CANCELLED).setKind("CANCELLED")
                .setMessage("cancelled while it yielded to a higher-priority job").build().toByteArray();
        return transaction(c -> {
            // a job asked to cancel ends CANCELLED rather than queue again
            int n = exec(c, "UPDATE jobs SET state = 'CANCELLED', finished_ms = ?, error_data = ?, lease_id = NULL, "
                    + "lease_deadline = NULL WHERE lease_id = ? AND state = 'RUNNING' AND cancel_requested = TRUE",
                    now, cancelled, leaseId);
            if (n == 1) {
                return true;
            }
            return exec(c, "UPDATE jobs SET state = 'QUEUED', not_before = ?, attempts = attempts - 1, "
                    + "yields = yields + 1, lease_id = NULL, lease_deadline = NULL "
                    + "WHERE lease_id = ? AND state = 'RUNNING'", now, leaseId) == 1;
        });
    }

    @Override
    public List<StoredJob> queued(Priority atLeast, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM jobs WHERE state = 'QUEUED' "
                    + "AND priority >= ? ORDER BY priority DESC, created_ms, seq LIMIT ?")) {
                ps.setInt(1, atLeast.getNumber());
                ps.setInt(2, limit);
                return jobs(ps);
            }
        });
    }

    @Override
    public boolean renew(String leaseId, long leaseMs, long now) {
        return update("UPDATE jobs SET lease_deadline = ? WHERE lease_id = ? AND state = 'RUNNING'",
                now + leaseMs, leaseId) == 1;
    }

    @Override
    public boolean complete(String leaseId, byte[] result, long now) {
        return update("UPDATE jobs SET state = 'SUCCEEDED', result_data = ?, finished_ms = ?, lease_id = NULL, "
                + "lease_deadline = NULL WHERE lease_id = ? AND state = 'RUNNING'", result, now, leaseId) == 1;
    }

    @Override
    public FailOutcome fail(String leaseId, ErrorClass errorClass, byte[] error, long now) {
        if (errorClass == null || errorClass == ErrorClass.ERROR_CLASS_UNSPECIFIED
                || errorClass == ErrorClass.UNRECOGNIZED) {
            throw new IllegalArgumentException("fail needs an error class, not " + errorClass);
        }
        return transaction(c -> {
            int attempts;
            boolean cancelRequested;
            JobKind kind;
            try (PreparedStatement ps = c.prepareStatement("SELECT attempts, cancel_requested, kind FROM jobs "
                    + "WHERE lease_id = ? AND state = 'RUNNING' FOR UPDATE")) {
                ps.setString(1, leaseId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new FailOutcome(false, false, 0);
                    }
                    attempts = rs.getInt(1);
                    cancelRequested = rs.getBoolean(2);
                    kind = kind(rs.getString(3));
                }
            }
            String end;
            if (errorClass == ErrorClass.ERROR_CLASS_CANCELLED || cancelRequested) {
                end = "CANCELLED";
            } else if (errorClass == ErrorClass.ERROR_CLASS_PERMANENT || attempts >= JobStore.maxAttempts(kind, maxAttempts)) {
                end = "FAILED";
            } else {
                long delay = backoffMs(errorClass, attempts);
                exec(c, "UPDATE jobs SET state = 'QUEUED', not_before = ?, error_data = COALESCE(?, error_data), "
                        + "lease_id = NULL, lease_deadline = NULL WHERE lease_id = ? AND state = 'RUNNING'",
                        now + delay, error, leaseId);
                return new FailOutcome(true, true, delay);
            }
            exec(c, "UPDATE jobs SET state = ?, finished_ms = ?, error_data = COALESCE(?, error_data), lease_id = NULL, "
                    + "lease_deadline = NULL WHERE lease_id = ? AND state = 'RUNNING'", end, now, error, leaseId);
            return new FailOutcome(true, false, 0);
        });
    }

    /**
     * The wait before the next try after {@code attempts} failed ones: none after a DEVICE error (the
     * device is marked unhealthy, so the retry runs elsewhere), exponential after a TEMPORARY one.
     */
    public static long backoffMs(ErrorClass errorClass, int attempts) {
        return errorClass == ErrorClass.ERROR_CLASS_DEVICE ? 0 : backoffMs(attempts);
    }

    /** The wait before the next try after {@code attempts} failed ones. */
    public static long backoffMs(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 16));
        return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS << doublings);
    }

    @Override
    public int expireLeases(long now) {
        byte[] cancelled = JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_CANCELLED).setKind("CANCELLED")
                .setMessage("cancelled; the worker's lease expired before it stopped").build().toByteArray();
        byte[] lost = JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind("BACKEND_UNAVAILABLE")
                .setMessage("the worker's lease expired on the job's last attempt")
                .build().toByteArray();
        return transaction(c -> {
            // The three statements pick disjoint jobs: each one takes its jobs out of RUNNING.
            int n = exec(c, "UPDATE jobs SET state = 'CANCELLED', finished_ms = ?, error_data = ?, lease_id = NULL, "
                    + "lease_deadline = NULL WHERE state = 'RUNNING' AND lease_deadline < ? AND cancel_requested = TRUE",
                    now, cancelled, now);
            n += exec(c, "UPDATE jobs SET state = 'FAILED', finished_ms = ?, error_data = ?, lease_id = NULL, "
                    + "lease_deadline = NULL WHERE state = 'RUNNING' AND lease_deadline < ? "
                    + "AND (attempts >= ? OR kind = 'WINNING_POST')", now, lost, now, maxAttempts);
            n += exec(c, "UPDATE jobs SET state = 'QUEUED', not_before = ?, lease_id = NULL, lease_deadline = NULL "
                    + "WHERE state = 'RUNNING' AND lease_deadline < ?", now, now);
            return n;
        });
    }

    @Override
    public Optional<StoredJob> cancel(String jobId, String reason, long now) {
        byte[] error = JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_CANCELLED).setKind("CANCELLED")
                .setMessage(reason == null ? "cancelled" : reason).build().toByteArray();
        return transaction(c -> {
            String state;
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM jobs WHERE job_id = ? FOR UPDATE")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    state = rs.getString(1);
                }
            }
            if (QUEUED.equals(state)) {
                exec(c, "UPDATE jobs SET state = 'CANCELLED', finished_ms = ?, error_data = ?, cancel_requested = TRUE "
                        + "WHERE job_id = ? AND state = 'QUEUED'", now, error, jobId);
            } else if (RUNNING.equals(state)) {
                exec(c, "UPDATE jobs SET cancel_requested = TRUE WHERE job_id = ? AND state = 'RUNNING'", jobId);
            }
            return read(c, jobId);
        });
    }

    @Override
    public Optional<String> jobOfLease(String leaseId) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT job_id FROM jobs WHERE lease_id = ? AND state = 'RUNNING'")) {
                ps.setString(1, leaseId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean cancelRequested(String leaseId) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT cancel_requested FROM jobs WHERE lease_id = ? AND state = 'RUNNING'")) {
                ps.setString(1, leaseId);
                try (ResultSet rs = ps.executeQuery()) {
                    return !rs.next() || rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public Map<JobKind, Depth> depths() {
        return run(c -> {
            Map<JobKind, long[]> counts = new EnumMap<>(JobKind.class);
            for (JobKind k : JobKind.values()) {
                if (k != JobKind.JOB_KIND_UNSPECIFIED && k != JobKind.UNRECOGNIZED) {
                    counts.put(k, new long[2]);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, state, COUNT(*) FROM jobs "
                    + "WHERE state IN ('QUEUED', 'RUNNING') GROUP BY kind, state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] n = counts.computeIfAbsent(kind(rs.getString(1)), k -> new long[2]);
                    n[QUEUED.equals(rs.getString(2)) ? 0 : 1] = rs.getLong(3);
                }
            }
            Map<JobKind, Depth> depths = new EnumMap<>(JobKind.class);
            counts.forEach((k, n) -> depths.put(k, new Depth(n[0], n[1])));
            return depths;
        });
    }

    @Override
    public Map<JobKind, Map<Priority, Depth>> depthsByPriority() {
        return run(c -> {
            Map<JobKind, Map<Priority, Depth>> out = new EnumMap<>(JobKind.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, priority, "
                    + "SUM(CASE WHEN state = 'QUEUED' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'RUNNING' THEN 1 ELSE 0 END) "
                    + "FROM jobs WHERE state IN ('QUEUED', 'RUNNING') GROUP BY kind, priority");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(kind(rs.getString(1)), k -> new EnumMap<>(Priority.class))
                            .put(Priority.forNumber(rs.getInt(2)), new Depth(rs.getLong(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                throw new JobStoreException("closing the job store failed", e);
            }
        }
    }

    private static void validate(NewJob job) {
        if (job.requestId() == null || job.requestId().isBlank() || job.requestId().length() > 256) {
            throw new IllegalArgumentException("request_id must be 1 to 256 characters");
        }
        if (job.kind() == null || job.kind() == JobKind.JOB_KIND_UNSPECIFIED || job.kind() == JobKind.UNRECOGNIZED) {
            throw new IllegalArgumentException("kind must be set, not " + job.kind());
        }
        if (job.priority() == null || job.priority() == Priority.UNRECOGNIZED) {
            throw new IllegalArgumentException("priority is not a known value");
        }
        if (job.request() == null) {
            throw new IllegalArgumentException("request bytes are missing");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- JDBC plumbing

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs work on a pooled connection in auto-commit mode. */
    private <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new JobStoreException("job store: " + e.getMessage(), e);
        }
    }

    /**
     * Runs work in one transaction, retried from the start when the database chose it as a deadlock
     * or lock-timeout victim (it was rolled back, so nothing of it took effect).
     */
    private <T> T transaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T out = work.apply(c);
                    c.commit();
                    return out;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (attempt < 5 && retryable(e)) {
                    continue;
                }
                throw new JobStoreException("job store: " + e.getMessage(), e);
            }
        }
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        // 40001 serialization failure, 40P01 PostgreSQL deadlock, HYT00 H2 lock timeout
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state) || e.getErrorCode() == 50200;
    }

    private int update(String sql, Object... args) {
        return run(c -> exec(c, sql, args));
    }

    private static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof byte[] b) {
                    ps.setBytes(i + 1, b);
                } else if (args[i] == null) {
                    ps.setBytes(i + 1, null); // the only nullable arguments are payloads
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "JdbcJobStore[" + (skipLocked ? "postgresql" : "h2") + ", maxAttempts=" + maxAttempts + "]";
    }
}
