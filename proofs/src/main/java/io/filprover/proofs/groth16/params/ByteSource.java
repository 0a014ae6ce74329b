package io.filprover.proofs.groth16.params;

/** Random read access to encoded bytes (a memory-mapped file or an in-memory block). Thread-safe. */
interface ByteSource {
    /** Copies {@code dst.length} bytes starting at {@code offset}. */
    void read(long offset, byte[] dst);

    long length();

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public void read(long offset, byte[] dst) {
                System.arraycopy(bytes, Math.toIntExact(offset), dst, 0, dst.length);
            }

            @Override
            public long length() {
                return bytes.length;
            }
        };
    }
}
