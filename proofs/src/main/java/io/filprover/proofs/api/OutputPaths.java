package io.filprover.proofs.api;

import io.filprover.api.PreconditionException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Checks, before any work starts, that the paths a stage will write can be written: a file output
 * must not be a directory and its parent must be (or be creatable as) a directory; a directory
 * output must not be a regular file and must not lie under one. The names are the request's field
 * names, so an error says which one is unusable. And how a finished output is written: {@link
 * #writeAtomically}.
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

    /** What {@link #writeAtomically(Path, Content)} writes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} under a temporary name ({@code <name>.tmp} beside it) and renames it over
     * {@code file} when complete, so a reader never sees a partial file; the temporary file is
     * removed if anything fails. The parent directory must exist.
     */
    public static void writeAtomically(Path file, Content content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #writeAtomically(Path, Content)} of {@code bytes}. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        writeAtomically(file, out -> out.write(bytes));
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
