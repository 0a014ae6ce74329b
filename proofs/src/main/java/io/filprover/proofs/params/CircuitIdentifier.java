package io.filprover.proofs.params;

import io.filprover.api.Hex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One Groth16 circuit as rust-fil-proofs names its parameter files
 * (storage-proofs-core/src/parameter_cache.rs {@code cache_identifier}, docs/spec/filecoin-porep-post.md §11.5):
 * {@code v28-<prefix>-<hex SHA-256(identifier)>.{params,vk,meta}}.
 *
 * @param identifier the public parameters' {@code identifier()} string (hashed, so it must match upstream byte for byte)
 * @param prefix     the compound proof's {@code cache_prefix()}
 * @param sectorSize what the {@code .meta} file and parameters.json record
 */
public record CircuitIdentifier(String identifier, String prefix, long sectorSize) {
    /** parameter_cache.rs {@code VERSION}: bumped upstream whenever circuits change. */
    public static final int VERSION = 28;

    /** The file name without extension, e.g. {@code v28-stacked-proof-of-replication-…-032d31…2f}. */
    public String stem() {
        return "v" + VERSION + "-" + prefix + "-" + Hex.encode(sha256(identifier));
    }

    public String paramsFile() {
        return stem() + ".params";
    }

    public String vkFile() {
        return stem() + ".vk";
    }

    public String metaFile() {
        return stem() + ".meta";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
