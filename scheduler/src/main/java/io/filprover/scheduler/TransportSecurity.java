package io.filprover.scheduler;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.concurrent.Executor;

/**
 * TLS, mutual TLS and bearer tokens for both ends, from PEM files and token files (never from the
 * command line): grpc's transport-neutral {@link TlsServerCredentials}/{@link TlsChannelCredentials},
 * no Netty-specific code. Private keys must be PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
 */
public final class TransportSecurity {
    /** Where clients and workers take their token when no --token-file is given. */
    public static final String TOKEN_ENV = "FILPROVER_TOKEN";
    /** The most a client or worker channel takes in one message (results past it travel as blobs). */
    public static final int CLIENT_MAX_INBOUND = 64 << 20;

    private TransportSecurity() {
    }

    /** Plaintext, or TLS with {@code cert}/{@code key}; with {@code clientCa}, clients must show a certificate it signed. */
    public static ServerCredentials server(Path cert, Path key, Path clientCa) {
        if (cert == null && key == null) {
            if (clientCa != null) {
                throw new IllegalArgumentException("tls-client-ca: needs --tls-cert and --tls-key");
            }
            return InsecureServerCredentials.create();
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException((cert == null ? "tls-cert" : "tls-key")
                    + ": --tls-cert and --tls-key go together");
        }
        TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder();
        try {
            b.keyManager(certificates(cert, "tls-cert"), privateKey(key));
            if (clientCa != null) {
                b.trustManager(certificates(clientCa, "tls-client-ca")).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("tls: " + e.getMessage(), e);
        }
        return b.build();
    }

    /**
     * A PEM file of X.509 certificates, checked here so a wrong file is an error naming its option
     * now, not a failed handshake later.
     */
    private static java.io.InputStream certificates(Path file, String field) {
        byte[] bytes = read(file, field);
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(field + ": " + file + " is not a PEM certificate file: " + e.getMessage());
        }
        return new ByteArrayInputStream(bytes);
    }

    /** A PKCS#8 PEM private key (what grpc's TLS reads without BouncyCastle). */
    private static java.io.InputStream privateKey(Path file) {
        byte[] bytes = read(file, "tls-key");
        if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("tls-key: " + file + " is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
        }
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] read(Path file, String field) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(field + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Plaintext, or TLS trusting {@code ca} (null: the JDK's trust store when {@code tls} is set); with
     * {@code cert}/{@code key}, this end's certificate for mutual TLS; with {@code token}, every call
     * carries {@code authorization: Bearer TOKEN}.
     */
    public static ChannelCredentials client(boolean tls, Path ca, Path cert, Path key, String token) {
        ChannelCredentials base;
        if (!tls && ca == null && cert == null && key == null) {
            base = InsecureChannelCredentials.create();
        } else {
            if ((cert == null) != (key == null)) {
                throw new IllegalArgumentException((cert == null ? "tls-cert" : "tls-key")
                        + ": --tls-cert and --tls-key go together");
            }
            TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
            try {
                if (ca != null) {
                    b.trustManager(certificates(ca, "tls-ca"));
                }
                if (cert != null) {
                    b.keyManager(certificates(cert, "tls-cert"), privateKey(key));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("tls: " + e.getMessage(), e);
            }
            base = b.build();
        }
        return token == null ? base : CompositeChannelCredentials.create(base, bearer(token));
    }

    /** A channel to HOST:PORT with these credentials and the client message limit. */
    public static ManagedChannel channel(HostPort at, ChannelCredentials creds) {
        return Grpc.newChannelBuilderForAddress(at.host(), at.port(), creds)
                .maxInboundMessageSize(CLIENT_MAX_INBOUND).build();
    }

    /** The first line of a token file, trimmed; IllegalArgumentException when unreadable or empty. */
    public static String readToken(Path file) {
        String text = new String(read(file, "token-file"), StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String token = (eol >= 0 ? text.substring(0, eol) : text).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token-file: " + file + " is empty (want the token on its first line)");
        }
        return token;
    }

    /** Call credentials sending the token as a bearer token; its toString never shows the token. */
    public static CallCredentials bearer(String token) {
        if (token.isBlank() || token.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            throw new IllegalArgumentException("token: must be printable ASCII without spaces");
        }
        String header = "Bearer " + token;
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                try {
                    Metadata m = new Metadata();
                    m.put(AuthInterceptor.AUTHORIZATION, header);
                    applier.apply(m);
                } catch (RuntimeException e) {
                    applier.fail(Status.UNAUTHENTICATED.withCause(e));
                }
            }

            @Override
            public String toString() {
                return "BearerToken[redacted]";
            }
        };
    }
}
