package io.filprover.scheduler.store;

import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Priority;
import io.filprover.scheduler.store.JobStore.StoredJob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the jobs table as {@link StoredJob}s, and the enum spellings the table uses. */
final class JobRows {

    static final String COLS = "job_id, request_id, kind, state, priority, created_ms, started_ms, "
            + "finished_ms, attempts, worker_id, request_data, result_data, error_data, cancel_requested";

    private JobRows() {
    }

    static Optional<StoredJob> read(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            List<StoredJob> found = jobs(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    static List<StoredJob> jobs(PreparedStatement ps) throws SQLException {
        List<StoredJob> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(job(rs));
            }
        }
        return out;
    }

    static StoredJob job(ResultSet rs) throws SQLException {
        return new StoredJob(rs.getString("job_id"), rs.getString("request_id"), kind(rs.getString("kind")),
                JobState.valueOf("JOB_STATE_" + rs.getString("state")), Priority.forNumber(rs.getInt("priority")),
                rs.getLong("created_ms"), rs.getLong("started_ms"), rs.getLong("finished_ms"), rs.getInt("attempts"),
                rs.getString("worker_id"), rs.getBytes("request_data"), rs.getBytes("result_data"),
                rs.getBytes("error_data"), rs.getBoolean("cancel_requested"));
    }

    // The table stores enum names without their proto prefix ('COMMP', 'QUEUED') so SQL reads plainly.
    static String name(JobKind kind) {
        return kind.name().substring("JOB_KIND_".length());
    }

    static String name(JobState state) {
        return state.name().substring("JOB_STATE_".length());
    }

    static JobKind kind(String name) {
        return JobKind.valueOf("JOB_KIND_" + name);
    }

    /** The defaults jobs.proto gives for an unspecified priority. */
    static Priority defaultPriority(JobKind kind) {
        return switch (kind) {
            case JOB_KIND_WINNING_POST -> Priority.PRIORITY_CRITICAL;
            case JOB_KIND_WINDOW_POST -> Priority.PRIORITY_HIGH;
            case JOB_KIND_COMMP -> Priority.PRIORITY_LOW;
            default -> Priority.PRIORITY_NORMAL;
        };
    }
}
