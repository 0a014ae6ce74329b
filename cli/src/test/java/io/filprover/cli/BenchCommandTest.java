package io.filprover.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @Test
    void badArgumentsExitTwo() {
        String[][] cases = {
            {"bench", "fft", "--log-size", "4"},
            {"bench", "msm", "--log-size", "0"},
            {"bench", "msm", "--log-size", "23"},
            {"bench", "ntt", "--log-size", "27"},
            {"bench", "msm", "--log-size", "4", "--threads", "0"},
            {"bench", "msm", "--log-size", "4", "--group", "g3"},
            {"bench", "ntt", "--log-size", "4", "--group", "g2"},
            {"bench", "msm", "--log-size", "4", "--peer", "gnark"},
            {"bench", "msm", "--log-size", "10", "--peer", "blst"},
            {"bench", "msm", "--log-size", "12", "--group", "g2", "--peer", "blst"},
            {"bench", "ntt", "--log-size", "12", "--peer", "ffjs"},
            {"bench", "msm", "--log-size", "4", "--reps", "0"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        CliRunner missing = CliRunner.run("bench", "msm");
        assertEquals(2, missing.code(), "--log-size is required");
    }

    @Test
    void tinySmokeRunsPrintOneJsonLine() {
        for (String[] c : new String[][] {
            {"bench", "msm", "--log-size", "6", "--threads", "2", "--reps", "1", "--json"},
            {"bench", "msm", "--group", "g2", "--log-size", "3", "--threads", "1", "--reps", "1", "--json"},
            {"bench", "ntt", "--log-size", "8", "--reps", "1", "--json"},
        }) {
            CliRunner r = CliRunner.run(c);
            assertEquals(0, r.code(), r.err());
            String line = r.out().strip();
            assertEquals(1, line.lines().count(), line);
            for (String key : new String[] {"\"kernel\":", "\"log_size\":", "\"threads\":", "\"backend\":\"cpu\"", "\"median_ms\":"}) {
                assertTrue(line.contains(key), key + " in " + line);
            }
        }
    }
}
