package io.filprover.cli;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The top-level {@code filprover} command. */
@Command(name = "filprover",
        mixinStandardHelpOptions = true,
        versionProvider = FilproverCommand.Version.class,
        description = {"Filecoin storage proofs: piece and data commitments (commp, commd), sealing (seal: PC1, PC2, C1), "
            + "and Window/Winning PoSt vanilla proofs (post, verify-vanilla-post).", "Groth16 (C2 and the PoSt SNARKs) is not here yet."},
        subcommands = {CommpCommand.class, CommdCommand.class, PoseidonCommand.class, ParentsCommand.class,
            SealCommand.class, PostCommand.class, VerifyVanillaPostCommand.class, VerifyC1Command.class, BenchCommand.class, DemoCommand.class,
            BackendsCommand.class, ParamsCommand.class, CircuitCommand.class, SnarkCommands.Prove.class, SnarkCommands.Verify.class, ServiceHostCommands.Serve.class, ServiceHostCommands.WorkerCmd.class,
            SubmitCommands.Submit.class, JobCommands.Await.class, JobCommands.Jobs.class,
            JobCommands.StatusCmd.class, JobCommands.Cancel.class, AdminCommands.Admin.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 success, 1 internal failure, 2 bad input, 3 a proof was rejected."})
public final class FilproverCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = FilproverCommand.class.getResourceAsStream("/filprover-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"filprover " + p.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ", " + System.getProperty("os.arch") + ")"};
        }
    }
}
