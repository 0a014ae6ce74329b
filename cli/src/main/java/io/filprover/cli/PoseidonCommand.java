package io.filprover.cli;

import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonHashType;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.bls12381.poseidon.PoseidonStrength;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover poseidon}: neptune's Poseidon hash of Fr elements, to check a root or a column by hand. */
@Command(name = "poseidon", mixinStandardHelpOptions = true,
        description = {"Hashes Fr elements with Poseidon exactly as neptune computes it for Filecoin.", "Inputs and output are 32-byte little-endian hex (memory order, as Filecoin stores Fr). merkle (default): exactly ARITY inputs, domain tag 2^arity - 1 (tree nodes, columns, comm_r); constant-length: 1..ARITY inputs, the length tag is the input count."})
public final class PoseidonCommand implements Callable<Integer> {
    static final List<Integer> ARITIES = List.of(2, 4, 8, 11, 16, 24, 36);

    @Option(names = "--arity", required = true, paramLabel = "N", description = "2, 4, 8, 11, 16, 24 or 36.")
    int arity;

    @Option(names = "--strength", defaultValue = "standard", paramLabel = "S",
            description = "standard (Filecoin) or strengthened (default: ${DEFAULT-VALUE}).")
    String strength;

    @Option(names = "--hash-type", defaultValue = "merkle", paramLabel = "T",
            description = "merkle or constant-length (default: ${DEFAULT-VALUE}).")
    String hashType;

    @Parameters(paramLabel = "HEX", arity = "1..*", description = "Fr elements, 64 hex digits each.")
    List<String> inputs;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!ARITIES.contains(arity)) {
            throw new InvalidInputException("arity", "unsupported arity " + arity + "; supported: " + ARITIES);
        }
        PoseidonStrength s;
        switch (strength.toLowerCase(Locale.ROOT)) {
            case "standard": s = PoseidonStrength.STANDARD; break;
            case "strengthened": s = PoseidonStrength.STRENGTHENED; break;
            default: throw new InvalidInputException("strength", "expected standard or strengthened, got '" + strength + "'");
        }
        boolean merkle;
        switch (hashType.toLowerCase(Locale.ROOT)) {
            case "merkle": case "merkle-tree": merkle = true; break;
            case "constant-length": merkle = false; break;
            default: throw new InvalidInputException("hash-type", "expected merkle or constant-length, got '" + hashType + "'");
        }
        if (merkle ? inputs.size() != arity : inputs.size() > arity) {
            throw new InvalidInputException("HEX", inputs.size() + " inputs; " + (merkle
                    ? "the merkle hash type takes exactly " + arity : "constant-length takes at most " + arity)
                    + " for arity " + arity);
        }
        Fr[] in = new Fr[inputs.size()];
        for (int i = 0; i < in.length; i++) {
            String field = "HEX " + (i + 1);
            try {
                in[i] = Fr.fromBytesLE(Hex.decode(inputs.get(i), Fr.BYTES, field));
            } catch (FieldEncodingException e) {
                throw new InvalidInputException(field, "not a field element (must be below r, little-endian)");
            }
        }
        Fr h = merkle
                ? PoseidonHasher.hash(PoseidonParameters.of(arity, s, PoseidonHashType.MERKLE_TREE), in)
                : PoseidonHasher.hashConstantLength(PoseidonParameters.of(arity, s, PoseidonHashType.constantLength(in.length)), in);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hash", Hex.encode(h.toBytesLE()));
        output.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
