package io.filprover.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve}'s cluster options refused before anything starts: exit 2, one line naming the option. */
class ServeOptionsTest {
    @TempDir
    Path dir;

    private CliRunner serve(String... more) {
        String[] args = new String[more.length + 5];
        args[0] = "serve";
        args[1] = "--listen";
        args[2] = "127.0.0.1:0";
        args[3] = "--data-dir";
        args[4] = dir.toString();
        System.arraycopy(more, 0, args, 5, more.length);
        return CliRunner.run(args);
    }

    private static void refused(CliRunner r, String field) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(field + ": "), r.err());
    }

    @Test
    void heartbeatMustBeShorterThanTheLease() {
        refused(serve("--lease-ms", "1000", "--heartbeat-ms", "1000"), "heartbeat-ms");
        refused(serve("--lease-ms", "0"), "lease-ms");
    }

    @Test
    void httpTakesAnAddressAndExcludesNoHttp() {
        refused(serve("--http", "no-port"), "http");
        refused(serve("--http", "127.0.0.1:0", "--no-http"), "http");
    }

    @Test
    void databaseOptionsNeedAUrlOfAKnownKind() {
        refused(serve("--db-user", "someone"), "db-user");
        refused(serve("--db-url", "jdbc:mysql://localhost/x?password=secret"), "db-url");
        CliRunner r = serve("--db-url", "jdbc:mysql://localhost/x?password=secret");
        assertFalse(r.err().contains("secret"), r.err());
        refused(serve("--db-url", "jdbc:postgresql://127.0.0.1:1/x", "--db-password-file",
                dir.resolve("missing").toString()), "db-password-file");
    }
}
