package io.filprover.cli;

import io.filprover.api.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the input paths a user gives, made before any work so that a mistake is one line naming
 * the option ({@code --data: /tmp is a directory}) instead of a Java exception after the work.
 * Output paths are checked by the proving API's {@link io.filprover.proofs.api.OutputPaths}.
 */
final class UserPaths {
    private UserPaths() {
    }

    /** An existing, readable file (a regular file, a pipe or a device; not a directory). */
    static Path inputFile(Path p, String field) {
        if (Files.isDirectory(p)) {
            throw new InvalidInputException(field, p + " is a directory");
        }
        if (!Files.exists(p)) {
            Path blocked = fileAncestor(p);
            throw new InvalidInputException(field, blocked != null ? p + ": " + blocked + " is not a directory"
                    : "no such file: " + p);
        }
        if (!Files.isReadable(p)) {
            throw new InvalidInputException(field, "permission denied: " + p);
        }
        return p;
    }

    /** The nearest existing proper ancestor of {@code p} when it is not a directory, else null. */
    private static Path fileAncestor(Path p) {
        for (Path a = p.toAbsolutePath().getParent(); a != null; a = a.getParent()) {
            if (Files.exists(a)) {
                return Files.isDirectory(a) ? null : a;
            }
        }
        return null;
    }
}
