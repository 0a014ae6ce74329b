package io.filprover.cli;

import io.filprover.api.CancelledException;
import io.filprover.api.ErrorKind;
import io.filprover.api.InternalException;
import io.filprover.api.NotFoundException;
import io.filprover.api.PreconditionException;
import io.filprover.api.ProofRejectedException;
import io.filprover.api.ProverException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one mapping of typed errors to exit codes and lines, and Errors reported in one line. */
class MainErrorsTest {
    @Command(name = "probe")
    static final class Throwing implements Callable<Integer> {
        private final Throwable t;

        @Option(names = "--out")
        String out;

        Throwing(Throwable t) {
            this.t = t;
        }

        @Override
        public Integer call() throws Exception {
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw (Exception) t;
        }
    }

    private record Run(int code, String err) {
    }

    private static Run run(Throwable t) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.configure(new CommandLine(new Throwing(t)));
        cl.setErr(new PrintWriter(err, true));
        int code = Main.execute(cl);
        return new Run(code, err.toString());
    }

    @Test
    void everyErrorKindHasItsExitCodeAndOneLineNamingTheOption() {
        Object[][] cases = {
            {new PreconditionException("out", "/tmp is a directory; a file is written there"), 2, "probe: --out: /tmp is a directory"},
            {new NotFoundException("vk", "verifying key not found: v28-x.vk"), 2, "probe: vk: verifying key not found"},
            {new ProofRejectedException("", "the pairing check fails"), 3, "probe: the pairing check fails"},
            {new CancelledException("operator asked"), 1, "probe: operator asked"},
            {new InternalException("", "disk vanished"), 1, "probe: disk vanished"},
        };
        for (Object[] c : cases) {
            Run r = run((Throwable) c[0]);
            assertEquals(c[1], r.code(), r.err());
            assertTrue(r.err().startsWith((String) c[2]), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        for (ErrorKind k : ErrorKind.values()) {
            int code = Main.exitCode(k);
            assertTrue(code == 1 || code == 2 || code == 3, k + " -> " + code);
        }
        assertEquals(2, Main.exitCode(ErrorKind.BACKEND_UNAVAILABLE));
    }

    @Test
    void anErrorIsOneLineWithoutATrace() {
        Run r = run(new OutOfMemoryError("Java heap space"));
        assertEquals(1, r.code());
        assertEquals("probe: failed: java.lang.OutOfMemoryError: Java heap space", r.err().strip());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(ProverException.class.isAssignableFrom(PreconditionException.class));
    }
}
