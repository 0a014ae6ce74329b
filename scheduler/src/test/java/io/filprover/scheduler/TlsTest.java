package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.kernels.Backends;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.StatusResponse;
import io.filprover.proto.v1.SubmitRequest;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS and mutual TLS over loopback Netty, with certificates the documented openssl commands make at
 * test time (two unrelated CAs, a and b); and the coordinator's message limit.
 */
class TlsTest {
    @TempDir
    static Path pki;
    static Path a;
    static Path b;

    @TempDir
    Path root;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        a = DocCommands.run("pki", pki.resolve("a"));
        b = DocCommands.run("pki", pki.resolve("b"));
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Coordinator serve(ServerCredentials creds) throws IOException {
        Coordinator c = Coordinator.builder(new InMemoryJobStore()).listen(new HostPort("127.0.0.1", 0))
                .storageRoots(List.of(root)).credentials(creds).build().start();
        open.add(c);
        return c;
    }

    private StatusResponse status(Coordinator c, ChannelCredentials creds) {
        ManagedChannel ch = TransportSecurity.channel(new HostPort("127.0.0.1", c.port()), creds);
        open.add(ch::shutdownNow);
        return ProverServiceGrpc.newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS)
                .getStatus(GetStatusRequest.getDefaultInstance());
    }

    private Status.Code refused(Coordinator c, ChannelCredentials creds) {
        return assertThrows(StatusRuntimeException.class, () -> status(c, creds)).getStatus().getCode();
    }

    @Test
    void aTlsRoundTripWorksAndAClientTrustingAnotherCaOrSpeakingPlaintextFails() throws IOException {
        Coordinator c = serve(TransportSecurity.server(a.resolve("server.pem"), a.resolve("server.key"), null));
        assertTrue(status(c, TransportSecurity.client(true, a.resolve("ca.pem"), null, null, null)).getKindsCount() > 0);
        assertEquals(Status.Code.UNAVAILABLE, refused(c, TransportSecurity.client(true, b.resolve("ca.pem"), null, null, null)));
        assertEquals(Status.Code.UNAVAILABLE, refused(c, TransportSecurity.client(false, null, null, null, null)));
    }

    @Test
    void mutualTlsTakesAClientCertificateFromItsCaOnlyAndRefusesOneFromAnotherOrNone() throws IOException {
        Coordinator c = serve(TransportSecurity.server(a.resolve("server.pem"), a.resolve("server.key"), a.resolve("ca.pem")));
        assertTrue(status(c, TransportSecurity.client(true, a.resolve("ca.pem"), a.resolve("client.pem"),
                a.resolve("client.key"), null)).getKindsCount() > 0);
        assertEquals(Status.Code.UNAVAILABLE, refused(c, TransportSecurity.client(true, a.resolve("ca.pem"),
                b.resolve("client.pem"), b.resolve("client.key"), null)));
        assertEquals(Status.Code.UNAVAILABLE, refused(c, TransportSecurity.client(true, a.resolve("ca.pem"), null, null, null)));
    }

    @Test
    void badTlsFilesAreErrorsNamingTheOption() throws IOException {
        Path missing = root.resolve("missing.pem");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransportSecurity.server(missing, a.resolve("server.key"), null));
        assertTrue(e.getMessage().startsWith("tls-cert: cannot read " + missing), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransportSecurity.server(a.resolve("server.pem"), null, null));
        assertTrue(e.getMessage().startsWith("tls-key:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransportSecurity.server(null, null, a.resolve("ca.pem")));
        assertTrue(e.getMessage().startsWith("tls-client-ca:"), e.getMessage());
        Path notPem = Files.writeString(root.resolve("ca.txt"), "not a certificate");
        e = assertThrows(IllegalArgumentException.class, () -> TransportSecurity.client(true, notPem, null, null, null));
        assertTrue(e.getMessage().startsWith("tls-ca: " + notPem + " is not a PEM certificate file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransportSecurity.readToken(missing));
        assertTrue(e.getMessage().startsWith("token-file: cannot read"), e.getMessage());
    }

    @Test
    void theEmbeddedServiceWithTokensAndMutualTlsRunsAJobOnItsLocalWorker() throws Exception {
        Tokens tokens = AuthTest.TOKENS;
        EmbeddedService s = EmbeddedService.start(new InMemoryJobStore(), new HostPort("127.0.0.1", 0), List.of(root), 2, 1,
                Backends.discover(), root.resolve("work"), null, cb -> cb.tokens(tokens).credentials(TransportSecurity.server(
                        a.resolve("server.pem"), a.resolve("server.key"), a.resolve("ca.pem"))), true);
        open.add(s);
        HostPort at = HostPort.parse(s.address());
        ManagedChannel ch = TransportSecurity.channel(at, TransportSecurity.client(true, a.resolve("ca.pem"),
                a.resolve("client.pem"), a.resolve("client.key"), AuthTest.ALICE));
        open.add(ch::shutdownNow);
        var client = ProverServiceGrpc.newBlockingStub(ch).withDeadlineAfter(60, TimeUnit.SECONDS);
        Job j = client.submit(SubmitRequest.newBuilder().setRequest(JobRequest.newBuilder()
                .setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(new byte[1000])))).build()).getJob();
        Job done = client.await(AwaitRequest.newBuilder().setJobId(j.getJobId()).build());
        assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState(), done.toString());
        assertEquals("alice", done.getRequest().getOwner());
        ManagedChannel noToken = TransportSecurity.channel(at, TransportSecurity.client(true, a.resolve("ca.pem"),
                a.resolve("client.pem"), a.resolve("client.key"), null));
        open.add(noToken::shutdownNow);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ProverServiceGrpc.newBlockingStub(noToken)
                .getStatus(GetStatusRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void anOversizeMessageIsResourceExhaustedAndTheServiceGoesOnServing() throws IOException {
        Coordinator c = Coordinator.builder(new InMemoryJobStore()).listen(new HostPort("127.0.0.1", 0))
                .storageRoots(List.of(root)).maxInlineBytes(1024).build().start();
        open.add(c);
        ManagedChannel ch = TransportSecurity.channel(new HostPort("127.0.0.1", c.port()),
                TransportSecurity.client(false, null, null, null, null));
        open.add(ch::shutdownNow);
        var client = ProverServiceGrpc.newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS);
        // past the limit (inline limit + 1 MiB): refused before it is parsed
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.submit(SubmitRequest.newBuilder()
                .setRequest(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder()
                        .setData(ByteString.copyFrom(new byte[(1 << 20) + 4096])))).build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.toString());
        // the same channel still serves, and a small piece is queued
        assertTrue(client.getStatus(GetStatusRequest.getDefaultInstance()).getKindsCount() > 0);
        assertTrue(client.submit(SubmitRequest.newBuilder().setRequest(JobRequest.newBuilder()
                .setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(new byte[100])))).build()).getCreated());
    }
}
