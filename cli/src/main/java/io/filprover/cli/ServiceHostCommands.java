package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.scheduler.EmbeddedService;
import io.filprover.scheduler.HostPort;
import io.filprover.scheduler.Tokens;
import io.filprover.scheduler.TransportSecurity;
import io.grpc.ServerCredentials;
import io.filprover.scheduler.Worker;
import io.filprover.scheduler.store.JobStore;
import io.filprover.scheduler.store.JobStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import static io.filprover.cli.ServiceCommands.*;

/** {@code filprover serve} and {@code filprover worker}: the processes of the proof service. */
final class ServiceHostCommands {
    private ServiceHostCommands() {
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Runs the proof service: a coordinator and a local worker in one process, loopback only by default.",
                "Jobs are kept in an embedded H2 database under --data-dir, or in PostgreSQL with --db-url (several coordinators may share one database).",
                "--no-local-worker runs the coordinator only; 'filprover worker' processes do the work.",
                "Serves Prometheus metrics and a read-only status page over HTTP (--http).",
                "Prints 'listening on HOST:PORT' when ready, then the metrics and status page URLs; stops on SIGTERM or Ctrl-C."})
    static final class Serve implements Callable<Integer> {
        /** Where {@code --db-url} takes its password when no {@code --db-password-file} is given. */
        static final String PASSWORD_ENV = "FILPROVER_DB_PASSWORD";

        @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_COORDINATOR,
                description = "Where to serve gRPC (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
        String listen;

        @Option(names = "--http", paramLabel = "HOST:PORT",
                description = "Where to serve /metrics (Prometheus), the status page (/) and /healthz (default: the --listen host, "
                        + "its port + 1, or any free port when that one is taken or --listen's port is 0).")
        String http;

        @Option(names = "--no-http", description = "Serve no metrics or status page.")
        boolean noHttp;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the job database (H2, unless --db-url) and the local worker's scratch files live (default: ~/.filprover).")
        Path dataDir;

        @Option(names = "--db-url", paramLabel = "JDBC_URL",
                description = "Keep jobs in this database instead of the embedded H2: jdbc:postgresql://HOST:PORT/DB (coordinators sharing it share one queue).")
        String dbUrl;

        @Option(names = "--db-user", paramLabel = "USER", description = "The --db-url user (default: the current user's name).")
        String dbUser;

        @Option(names = "--db-password-file", paramLabel = "FILE",
                description = "A file holding the --db-url password (its first line); else the environment variable " + PASSWORD_ENV + ", else none.")
        Path dbPasswordFile;

        @Option(names = "--no-local-worker", description = "Run the coordinator only; jobs wait for 'filprover worker' processes.")
        boolean noLocalWorker;

        @Option(names = "--lease-ms", paramLabel = "MS", defaultValue = "30000",
                description = "How long a worker's lease lasts without a heartbeat before its job returns to the queue (default: ${DEFAULT-VALUE}).")
        long leaseMs;

        @Option(names = "--heartbeat-ms", paramLabel = "MS", defaultValue = "5000",
                description = "How often workers renew their leases; less than --lease-ms (default: ${DEFAULT-VALUE}).")
        long heartbeatMs;

        @Option(names = "--storage-root", paramLabel = "DIR",
                description = "A directory job paths may name (repeatable; default: your home directory).")
        List<Path> storageRoots = new ArrayList<>();

        @Option(names = "--slots", paramLabel = "N", defaultValue = "1", description = "Jobs the local worker runs at once (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--tokens", paramLabel = "FILE",
                description = "Require bearer tokens: lines 'ROLE NAME TOKEN', roles client, worker, admin (docs/operations.md).")
        Path tokens;

        @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve TLS with this PEM certificate chain.")
        Path tlsCert;

        @Option(names = "--tls-key", paramLabel = "FILE", description = "The private key of --tls-cert (PKCS#8 PEM).")
        Path tlsKey;

        @Option(names = "--tls-client-ca", paramLabel = "FILE",
                description = "Mutual TLS: clients and workers must show a certificate this CA (PEM) signed.")
        Path tlsClientCa;

        @Option(names = "--insecure-no-auth", description = "Allow a non-loopback --listen without --tokens (a network you trust only).")
        boolean insecureNoAuth;

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HostPort at = address(listen, "listen");
            if (tokens == null && !insecureNoAuth && !loopback(at.host())) {
                throw new InvalidInputException("listen", at.host() + " is not a loopback address: serving other hosts "
                        + "needs --tokens FILE (or --insecure-no-auth, on a network you trust)");
            }
            Tokens tokenTable = tokens == null ? null : tokens();
            ServerCredentials creds;
            try {
                creds = TransportSecurity.server(tlsCert, tlsKey, tlsClientCa);
            } catch (IllegalArgumentException e) {
                throw fieldError(e);
            }
            if (noHttp && http != null) {
                throw new InvalidInputException("http", "--http and --no-http exclude each other");
            }
            HostPort httpAt = noHttp ? null : http != null ? address(http, "http")
                    : new HostPort(at.host(), at.port() == 0 || at.port() == 65535 ? 0 : at.port() + 1);
            if (leaseMs <= 0 || heartbeatMs <= 0 || heartbeatMs >= leaseMs) {
                throw new InvalidInputException(leaseMs <= 0 ? "lease-ms" : "heartbeat-ms",
                        "need 0 < --heartbeat-ms < --lease-ms, got " + heartbeatMs + " and " + leaseMs);
            }
            if (dbUrl == null && (dbUser != null || dbPasswordFile != null)) {
                throw new InvalidInputException(dbUser != null ? "db-user" : "db-password-file", "needs --db-url");
            }
            if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
                throw new InvalidInputException("db-url", "a jdbc:postgresql: (or jdbc:h2:) URL, not "
                        + dbUrl.replaceAll("[?;].*", ""));
            }
            Path data = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".filprover");
            List<Path> roots = storageRoots.isEmpty() ? List.of(Path.of(System.getProperty("user.home"))) : storageRoots;
            Files.createDirectories(data);
            JobStore store = dbUrl != null
                    ? JobStores.open(dbUrl, dbUser != null ? dbUser : System.getProperty("user.name"), password())
                    : stores.apply(data);
            int threads = kernelOptions.threads();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(stopped::countDown, "filprover-serve-stop");
            try (EmbeddedService service = EmbeddedService.start(store, at, roots, Math.max(2, threads),
                    slots, KernelOptions.backends(), data.resolve("work"), null,
                    b -> b.lease(leaseMs, heartbeatMs).tokens(tokenTable).credentials(creds).http(httpAt, http == null),
                    !noLocalWorker)) {
                Runtime.getRuntime().addShutdownHook(hook);
                PrintWriter out = spec.commandLine().getOut();
                out.println("listening on " + service.address());
                if (service.httpAddress() != null) {
                    out.println("metrics on http://" + service.httpAddress() + "/metrics");
                    out.println("status page on http://" + service.httpAddress() + "/");
                }
                out.flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
        }

        private static boolean loopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new InvalidInputException("listen", "unknown host " + host);
            }
        }

        /** The token file: errors name the file and line, never a token. */
        private Tokens tokens() {
            try {
                return Tokens.read(UserPaths.inputFile(tokens, "tokens"));
            } catch (IOException e) {
                throw new InvalidInputException("tokens", "cannot read " + tokens + " (" + e.getClass().getSimpleName() + ")");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("tokens", e.getMessage());
            }
        }

        /** The database password: never from the command line, never logged. */
        private String password() throws IOException {
            if (dbPasswordFile != null) {
                Path p = UserPaths.inputFile(dbPasswordFile, "db-password-file");
                String text = Files.readString(p);
                int eol = text.indexOf('\n');
                return (eol >= 0 ? text.substring(0, eol) : text).replace("\r", "");
            }
            String env = System.getenv(PASSWORD_ENV);
            return env == null ? "" : env;
        }
    }

    @Command(name = "worker", mixinStandardHelpOptions = true,
            description = "Runs a worker: registers with a coordinator and runs the jobs it leases until SIGTERM or Ctrl-C.")
    static final class WorkerCmd implements Callable<Integer> {
        @Option(names = "--coordinator", paramLabel = "HOST:PORT", defaultValue = DEFAULT_COORDINATOR,
                description = "The coordinator (default: ${DEFAULT-VALUE}).")
        String coordinator;

        @Option(names = "--storage-root", paramLabel = "DIR",
                description = "A directory job paths may name (repeatable; default: your home directory).")
        List<Path> storageRoots = new ArrayList<>();

        @Option(names = "--slots", paramLabel = "N", defaultValue = "1", description = "Jobs run at once (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "worker", description = "A name for status listings.")
        String name;

        @Mixin
        TransportOptions transport = new TransportOptions();

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            address(coordinator, "coordinator");
            List<Path> roots = storageRoots.isEmpty() ? List.of(Path.of(System.getProperty("user.home"))) : storageRoots;
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(stopped::countDown, "filprover-worker-stop");
            Worker w = Worker.builder().coordinator(coordinator).credentials(transport.credentials()).name(name).storageRoots(roots)
                    .threads(Math.max(2, kernelOptions.threads())).slots(slots).backends(KernelOptions.backends())
                    .build();
            try {
                w.start();
                Runtime.getRuntime().addShutdownHook(hook);
                spec.commandLine().getOut().println("worker " + w.id() + " connected to " + coordinator);
                spec.commandLine().getOut().flush();
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
                w.stop();
            }
            return 0;
        }
    }
}
