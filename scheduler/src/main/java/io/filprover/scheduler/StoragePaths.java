package io.filprover.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage roots every path in a job must lie under. A path is accepted when it is absolute and,
 * after normalisation ({@code ..} removed) and after resolving the symbolic links of its longest
 * existing prefix, it lies under the real path of one of the roots; so neither {@code ..} nor a
 * link can lead outside.
 */
public final class StoragePaths {
    private final List<Path> roots;

    public StoragePaths(List<Path> roots) {
        List<Path> real = new ArrayList<>();
        for (Path r : roots) {
            try {
                real.add(realPrefix(r.toAbsolutePath().normalize()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.roots = List.copyOf(real);
    }

    /** The roots as real paths. */
    public List<Path> roots() {
        return roots;
    }

    /** The path as given, checked; the message names {@code field}. */
    public Path check(String field, String path) {
        if (path == null || path.isEmpty()) {
            throw new FieldException(field, "missing");
        }
        if (path.length() > 4096) {
            throw new FieldException(field, "longer than 4096 characters");
        }
        if (path.indexOf('\0') >= 0) {
            throw new FieldException(field, "contains a NUL character");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new FieldException(field, "not a path: " + e.getMessage());
        }
        if (!p.isAbsolute()) {
            throw new FieldException(field, "must be an absolute path, got " + path);
        }
        Path normal = p.normalize();
        Path real;
        try {
            real = realPrefix(normal);
        } catch (IOException e) {
            // a dangling link, a loop, no permission: nothing that can be shown to lie under a root
            throw new FieldException(field, path + " cannot be resolved: " + e);
        }
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return normal;
            }
        }
        throw new FieldException(field, path + " is outside the storage roots " + roots
                + (real.equals(normal) ? "" : " (it resolves to " + real + ")"));
    }

    /** The real path of the longest existing prefix of {@code p}, with the rest appended. */
    private static Path realPrefix(Path p) throws IOException {
        Path existing = p;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            if (existing.getFileName() != null) {
                rest.add(0, existing.getFileName());
            }
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        Path real = existing.toRealPath();
        for (Path r : rest) {
            real = real.resolve(r);
        }
        return real.normalize();
    }

    /** A request field that is wrong; {@code getMessage()} is "field: reason". */
    public static final class FieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public FieldException(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
