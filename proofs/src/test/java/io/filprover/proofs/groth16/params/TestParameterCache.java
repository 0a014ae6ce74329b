package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.Variable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Locally generated test parameters kept under {@code target/} between runs, keyed by a SHA-256
 * of the circuit's whole constraint system (every term's variable and coefficient, in order), so
 * a changed circuit never meets stale parameters. A missing or unreadable file is regenerated;
 * files are written to a temporary name and moved into place. Tests only: the toxic waste of
 * cached parameters outlives the run.
 */
public final class TestParameterCache {
    private TestParameterCache() {
    }

    /** The cached parameters for {@code circuit}, or fresh ones from {@code generate} (then cached). */
    public static Groth16Parameters get(Path dir, String name, Circuit<Fr> circuit, Supplier<Groth16Parameters> generate)
            throws IOException {
        Path file = dir.resolve(name + "-" + digest(circuit).substring(0, 24) + ".params");
        if (Files.isRegularFile(file)) {
            try {
                return ParametersFormat.readParameters(file, false);
            } catch (IOException | RuntimeException e) {
                System.out.println("parameter cache: " + file + " unreadable (" + e + "), regenerating");
            }
        }
        Groth16Parameters p = generate.get();
        Files.createDirectories(dir);
        long bytes = 96L * (p.hCount() + p.lCount() + p.aCount() + p.bG1Count()) + 192L * p.bG2Count();
        if (Files.getFileStore(dir).getUsableSpace() > 4 * bytes) {
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            try {
                ParametersFormat.writeParameters(p, tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return p;
    }

    /**
     * The default place: {@code $FILPROVER_TEST_PARAMS_CACHE} when set (.ci/run sets it outside the
     * clone, so its JDK 17, Temurin 25 and slow runs, each after {@code mvn clean}, pay a setup once),
     * else {@code target/groth16-params-cache} of the module under test. Files are keyed by the
     * circuit's digest, so a shared directory never serves parameters of another circuit.
     */
    public static Path defaultDir() {
        String env = System.getenv("FILPROVER_TEST_PARAMS_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("target", "groth16-params-cache");
    }

    /** SHA-256 over the counts and every constraint's three linear combinations, in synthesis order. */
    public static String digest(Circuit<Fr> circuit) {
        Digest d = new Digest();
        circuit.synthesize(d);
        d.longs(d.inputs, d.aux, d.rows);
        d.flush();
        return HexFormat.of().formatHex(d.md.digest());
    }

    private static final class Digest implements ConstraintSystem<Fr> {
        final MessageDigest md;
        private final byte[] buf = new byte[1 << 16];
        private int n;
        long inputs = 1; // ONE
        long aux;
        long rows;

        Digest() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public ScalarField<Fr> field() { return FrScalarField.INSTANCE; }
        @Override public boolean needsWitness() { return false; }
        @Override public Variable alloc(Supplier<String> name, Supplier<Fr> value) { return Variable.aux((int) aux++); }
        @Override public Variable allocInput(Supplier<String> name, Supplier<Fr> value) { return Variable.input((int) inputs++); }
        @Override public void pushNamespace(Supplier<String> name) { }
        @Override public void popNamespace() { }

        @Override
        public void enforce(Supplier<String> name, LinearCombination<Fr> a, LinearCombination<Fr> b,
                            LinearCombination<Fr> c) {
            rows++;
            lc(a);
            lc(b);
            lc(c);
        }

        private void lc(LinearCombination<Fr> lc) {
            longs(lc.size());
            for (int i = 0; i < lc.size(); i++) {
                Variable v = lc.variable(i);
                longs(v.isInput() ? v.index() : -1L - v.index());
                if (n + 32 > buf.length) {
                    flush();
                }
                lc.coefficient(i).toBytesLE(buf, n);
                n += 32;
            }
        }

        void longs(long... xs) {
            for (long x : xs) {
                if (n + 8 > buf.length) {
                    flush();
                }
                for (int k = 0; k < 8; k++) {
                    buf[n++] = (byte) (x >>> (8 * k));
                }
            }
        }

        void flush() {
            md.update(buf, 0, n);
            n = 0;
        }
    }
}
