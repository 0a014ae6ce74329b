package io.filprover.scheduler.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Opens job stores: pools connections with HikariCP and brings the schema up to date with the Flyway
 * migrations in {@code db/migration/common} plus {@code db/migration/h2} or {@code db/migration/postgresql}
 * (the table differs only in its payload type: BLOB on H2, BYTEA on PostgreSQL).
 */
public final class JobStores {

    private static final Logger LOG = LoggerFactory.getLogger(JobStores.class);
    private static final Pattern MEM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private JobStores() {
    }

    /** The default of {@code filprover serve}: an H2 file database under {@code dataDir}, for one process. */
    public static JdbcJobStore embedded(Path dataDir) {
        return embedded(dataDir, JdbcJobStore.DEFAULT_MAX_ATTEMPTS);
    }

    public static JdbcJobStore embedded(Path dataDir, int maxAttempts) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new IllegalArgumentException("the data directory's path cannot contain ';': " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        // WRITE_DELAY=0: a commit reaches the file before it returns, so an acknowledged submit or
        // result survives the process being killed (H2's default delays writes by up to a second).
        // The file lock (H2's default) keeps a second process off the database.
        String url = "jdbc:h2:file:" + dir.resolve("filprover") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        return open(url, "sa", "", maxAttempts);
    }

    /** An H2 in-memory database named {@code name}, kept until the JVM exits; for tests. */
    public static JdbcJobStore inMemory(String name) {
        return inMemory(name, JdbcJobStore.DEFAULT_MAX_ATTEMPTS);
    }

    public static JdbcJobStore inMemory(String name, int maxAttempts) {
        if (!MEM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an in-memory store name is 1 to 64 of [A-Za-z0-9_-], not " + name);
        }
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "", maxAttempts);
    }

    /** A store on {@code jdbc:postgresql:…} (shared by several coordinators) or {@code jdbc:h2:…}. */
    public static JdbcJobStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, JdbcJobStore.DEFAULT_MAX_ATTEMPTS);
    }

    public static JdbcJobStore open(String jdbcUrl, String user, String password, int maxAttempts) {
        String vendor = vendor(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("filprover-jobs");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                    .load()
                    .migrate();
            JdbcJobStore store = new JdbcJobStore(pool, maxAttempts, pool);
            // Never the password; the URL without its parameters, which may carry credentials.
            LOG.info("job store open: {} as {}", withoutParameters(jdbcUrl), user);
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw new JobStoreException("cannot open the job store at " + withoutParameters(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
    }

    private static String vendor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        throw new IllegalArgumentException("a job store is on jdbc:h2: or jdbc:postgresql:, not "
                + withoutParameters(jdbcUrl));
    }

    static String withoutParameters(String jdbcUrl) {
        int cut = jdbcUrl.length();
        for (char c : new char[] {'?', ';'}) {
            int i = jdbcUrl.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return jdbcUrl.substring(0, cut);
    }
}
