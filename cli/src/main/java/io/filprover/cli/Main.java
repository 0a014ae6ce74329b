package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point of the {@code filprover} command. Exit codes: 0 success, 1 an internal failure,
 * 2 bad input (one line on stderr naming what is wrong; nothing is written).
 */
public final class Main {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with the process' stdout/stderr; returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FilproverCommand());
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
            if (ex instanceof InvalidInputException) {
                InvalidInputException bad = (InvalidInputException) ex;
                // name the option as the user typed it when the field is one of this command's options
                String option = "--" + bad.field();
                line = cmd.getCommandSpec().findOption(option) != null ? option + ": " + bad.getMessage() : bad.oneLine();
                code = EXIT_BAD_INPUT;
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
