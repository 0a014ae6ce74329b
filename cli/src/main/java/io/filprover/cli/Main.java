package io.filprover.cli;

import io.filprover.api.ErrorKind;
import io.filprover.api.ProverException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point of the {@code filprover} command. Exit codes: 0 success, 1 an internal failure (or a
 * cancelled job), 2 the caller's mistake (one line on stderr naming what is wrong; nothing is
 * written), 3 a proof was checked and rejected. {@link #exitCode} is the one place typed errors map
 * to exit codes.
 */
public final class Main {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_REJECTED = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with the process' stdout/stderr; returns the exit code. */
    public static int run(String... args) {
        return execute(commandLine(), args);
    }

    /** Executes {@code cl}; an {@link Error} that escapes the command is one line on its stderr, exit 1. */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Error e) {
            // an OutOfMemoryError or a missing class gets one line, not a trace
            PrintWriter err = cl.getErr();
            err.println(cl.getCommandName() + ": failed: " + e);
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /** The exit code of each error class: 2 for the caller's mistakes, 3 rejected, 1 otherwise. */
    public static int exitCode(ErrorKind kind) {
        switch (kind) {
            case INVALID_INPUT:
            case NOT_FOUND:
            case PRECONDITION:
            case BACKEND_UNAVAILABLE:
                return EXIT_BAD_INPUT;
            case PROOF_REJECTED:
                return EXIT_REJECTED;
            case CANCELLED:
            case INTERNAL:
            default:
                return EXIT_FAILURE;
        }
    }

    /**
     * The exit code of a gRPC status from the service: 2 for the caller's mistakes (invalid argument,
     * already exists, not found, failed precondition, unimplemented), 1 otherwise (unavailable, ...).
     */
    public static int exitCode(io.grpc.Status.Code code) {
        switch (code) {
            case OK:
                return 0;
            case INVALID_ARGUMENT:
            case ALREADY_EXISTS:
            case NOT_FOUND:
            case FAILED_PRECONDITION:
            case UNIMPLEMENTED:
                return EXIT_BAD_INPUT;
            default:
                return EXIT_FAILURE;
        }
    }

    public static CommandLine commandLine() {
        return configure(new CommandLine(new FilproverCommand()));
    }

    /** Installs the error handlers: one line per error on stderr, exit codes by error class. */
    static CommandLine configure(CommandLine cl) {
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandName() + ": " + ex.getMessage() + " (see '" + qualifiedName(cmd) + " --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            int code;
            String line;
            if (ex instanceof io.grpc.StatusRuntimeException) {
                io.grpc.Status st = ((io.grpc.StatusRuntimeException) ex).getStatus();
                line = st.getCode() + ": " + (st.getDescription() == null ? "" : st.getDescription());
                code = exitCode(st.getCode());
            } else if (ex instanceof ProverException) {
                ProverException bad = (ProverException) ex;
                // name the option as the user typed it when the field is one of this command's options
                String option = "--" + bad.field();
                line = cmd.getCommandSpec().findOption(option) != null ? option + ": " + bad.getMessage() : bad.oneLine();
                code = exitCode(bad.kind());
            } else if (UserErrors.describe(ex) != null) {
                line = UserErrors.describe(ex);
                code = EXIT_BAD_INPUT;
            } else if (ex instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                line = "malformed JSON: " + ((com.fasterxml.jackson.core.JsonProcessingException) ex).getOriginalMessage();
                code = EXIT_BAD_INPUT;
            } else {
                line = "failed: " + ex;
                code = EXIT_FAILURE;
            }
            err.println(cmd.getCommandName() + ": " + line);
            err.flush();
            return code;
        });
        return cl;
    }

    private static String qualifiedName(CommandLine cmd) {
        StringBuilder sb = new StringBuilder(cmd.getCommandName());
        for (CommandLine p = cmd.getParent(); p != null; p = p.getParent()) {
            sb.insert(0, p.getCommandName() + " ");
        }
        return sb.toString();
    }
}
