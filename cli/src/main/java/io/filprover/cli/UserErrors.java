package io.filprover.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The plain line for failures that come from the paths a user gave (a missing file, a directory
 * where a file is expected, a file where a directory is expected, no permission): exit 2 with this
 * line instead of a Java exception name. Commands check their paths first ({@link UserPaths}); this
 * is the net for what those checks cannot see.
 */
final class UserErrors {
    private UserErrors() {
    }

    /** One line without Java names for a path failure, or null when {@code t} is not one. */
    static String describe(Throwable t) {
        if (t instanceof FileSystemException) {
            FileSystemException e = (FileSystemException) t;
            String file = e.getFile() == null ? "" : e.getFile();
            String other = e.getOtherFile() == null ? "" : " -> " + e.getOtherFile();
            if (e instanceof NoSuchFileException) {
                return "no such file or directory: " + file + other;
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied: " + file + other;
            }
            if (e instanceof NotDirectoryException) {
                return "not a directory: " + file + other;
            }
            if (e instanceof FileAlreadyExistsException) {
                return "already exists: " + file + other;
            }
            if (e instanceof DirectoryNotEmptyException) {
                return "directory not empty: " + file + other;
            }
            String reason = e.getReason() == null ? "failed" : lowerFirst(e.getReason());
            return file.isEmpty() ? reason : file + other + ": " + reason;
        }
        if (t instanceof FileNotFoundException) {
            // java.io reports "PATH (Reason)"
            String m = t.getMessage() == null ? "" : t.getMessage();
            int open = m.lastIndexOf(" (");
            if (open > 0 && m.endsWith(")")) {
                return m.substring(0, open) + ": " + lowerFirst(m.substring(open + 2, m.length() - 1));
            }
            return "no such file: " + m;
        }
        return null;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
