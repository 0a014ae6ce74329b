package io.filprover.proofs.api;

import io.filprover.api.PreconditionException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work starts, that the paths a stage will write can be written: a file output
 * must not be a directory and its parent must be (or be creatable as) a directory; a directory
 * output must not be a regular file and must not lie under one. The names are the request's field
 * names, so an error says which one is unusable.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** {@code path} will be written as a file (created or replaced). */
    public static void checkFile(String field, Path path) {
        if (path == null) {
            return;
        }
        if (Files.isDirectory(path)) {
            throw new PreconditionException(field, path + " is a directory; a file is written there");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new PreconditionException(field, path + " exists and is not a regular file");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            checkDirectory(field, parent, path);
        }
    }

    /** {@code dir} will hold written files (created if absent). */
    public static void checkDirectory(String field, Path dir) {
        if (dir != null) {
            checkDirectory(field, dir.toAbsolutePath(), dir);
        }
    }

    private static void checkDirectory(String field, Path dir, Path named) {
        // the nearest existing ancestor must be a writable directory: a regular file there means the
        // path lies under a file and could never be created
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new PreconditionException(field, named + " cannot be created: " + p + " is not a directory");
        }
        if (!Files.isWritable(p)) {
            throw new PreconditionException(field, named + " cannot be written: " + p + " is not writable");
        }
    }
}
