package io.filprover.cli;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.params.CircuitIdentifier;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.ParameterGenerator;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover circuit info}: a registered proof's Groth16 circuit, counted. */
@Command(name = "circuit", mixinStandardHelpOptions = true,
        description = "The Groth16 circuits of the registered proofs.",
        subcommands = CircuitCommand.Info.class, commandListHeading = "%nCommands:%n")
public final class CircuitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Counts a registered proof's circuit (one partition) without a witness, in memory that does not grow with it "
                + "(production sizes too): constraints, inputs (with the constant ONE, as upstream counts), auxiliaries, "
                + "and names its parameter files.", "Exit 2 when no circuit is registered for the proof in this build."})
    static final class Info implements Callable<Integer> {
        @Option(names = "--proof", required = true, paramLabel = "P",
                description = "Registered proof name, e.g. StackedDrg32GiBV1_1, StackedDrgWindow32GiBV1_2.")
        String proof;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RegisteredProof p = RegisteredProof.parse(proof, "proof");
            CircuitIdentifier id = CircuitIdentifiers.of(p);
            Circuit<Fr> circuit = ParameterGenerator.circuitOf(p);
            CountingConstraintSystem<Fr> cs = CountingConstraintSystem.count(FrScalarField.INSTANCE, circuit);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("proof", p.upstreamName());
            out.put("sector_size", p.sectorSize().bytes());
            out.put("constraints", cs.numConstraints());
            out.put("inputs", cs.numInputs());
            out.put("auxiliaries", cs.numAux());
            out.put("parameter_file", id.paramsFile());
            out.put("verifying_key_file", id.vkFile());
            out.put("identifier", id.identifier());
            output.print(spec.commandLine().getOut(), out);
            return 0;
        }
    }
}
