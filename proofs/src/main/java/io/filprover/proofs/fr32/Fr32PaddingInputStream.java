package io.filprover.proofs.fr32;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the Fr32 padding of another stream (rust-fil-proofs' Fr32Reader): full 127-byte blocks
 * become 128 bytes; a final partial block is zero-filled and emits ceil(8·r/254) elements
 * (docs/spec/filecoin-porep-post.md §1.3).
 */
public final class Fr32PaddingInputStream extends InputStream {
    private final InputStream raw;
    private final byte[] rawBlock = new byte[Fr32.PADDED_BLOCK];
    private final byte[] padded = new byte[Fr32.PADDED_BLOCK];
    private final byte[] scratch = new byte[136];
    private int pos;
    private int limit;
    private boolean eof;

    public Fr32PaddingInputStream(InputStream raw) {
        this.raw = raw;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !refill()) {
            return -1;
        }
        return padded[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pos == limit && !refill()) {
                break;
            }
            int k = Math.min(len - n, limit - pos);
            System.arraycopy(padded, pos, b, off + n, k);
            pos += k;
            n += k;
        }
        return n == 0 ? -1 : n;
    }

    private boolean refill() throws IOException {
        if (eof) {
            return false;
        }
        int r = raw.readNBytes(rawBlock, 0, Fr32.RAW_BLOCK);
        if (r < Fr32.RAW_BLOCK) {
            eof = true;
            if (r == 0) {
                return false;
            }
            java.util.Arrays.fill(rawBlock, r, Fr32.PADDED_BLOCK, (byte) 0);
        }
        Fr32.padBlocks(rawBlock, 0, padded, 0, 1, scratch);
        pos = 0;
        limit = r == Fr32.RAW_BLOCK ? Fr32.PADDED_BLOCK : 32 * ((r * 8 + 253) / 254);
        return true;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
