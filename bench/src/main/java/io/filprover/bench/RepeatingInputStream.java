package io.filprover.bench;

import java.io.InputStream;

/** {@code length} bytes cycling over a fixed buffer: input for large benchmarks without a file or a large heap. */
final class RepeatingInputStream extends InputStream {
    private final byte[] pattern;
    private long left;
    private int pos;

    RepeatingInputStream(byte[] pattern, long length) {
        this.pattern = pattern;
        this.left = length;
    }

    @Override
    public int read() {
        if (left <= 0) {
            return -1;
        }
        left--;
        int v = pattern[pos++] & 0xff;
        if (pos == pattern.length) {
            pos = 0;
        }
        return v;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, pattern.length - pos);
            System.arraycopy(pattern, pos, b, off + done, k);
            pos = (pos + k) % pattern.length;
            done += k;
        }
        left -= n;
        return n;
    }
}
