package io.filprover.scheduler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator's read-only HTTP side (the JDK's server, no dependency): {@code /metrics} in
 * Prometheus text format, {@code /} the status page, {@code /healthz}. GET and HEAD only; nothing
 * here changes a job.
 */
final class StatusHttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private StatusHttpServer(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Serves on {@code at}; when that port is taken and {@code anyPortIfTaken} (the address was a
     * default, not asked for), on a free port of the same host instead.
     */
    static StatusHttpServer start(Coordinator c, HostPort at, boolean anyPortIfTaken) throws IOException {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(at.host(), at.port()), 16);
        } catch (BindException e) {
            if (!anyPortIfTaken || at.port() == 0) {
                throw new BindException("--http " + at + ": " + e.getMessage());
            }
            LOG.warn("HTTP port {} is taken; serving metrics and the status page on a free port", at.port());
            s = HttpServer.create(new InetSocketAddress(at.host(), 0), 16);
        }
        AtomicInteger n = new AtomicInteger();
        // two threads: a scrape and a page view at once; neither blocks the gRPC executor
        ExecutorService ex = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "filprover-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(ex);
        StatusPage page = new StatusPage(c);
        s.createContext("/metrics", get(x -> respond(x, 200, PROMETHEUS_TEXT, c.metrics.scrape())));
        s.createContext("/healthz", get(x -> respond(x, c.running.get() ? 200 : 503, "text/plain; charset=utf-8",
                c.running.get() ? "ok\n" : "stopping\n")));
        s.createContext("/", get(x -> {
            if (!x.getRequestURI().getPath().equals("/")) {
                respond(x, 404, "text/plain; charset=utf-8", "not found: try /, /metrics or /healthz\n");
                return;
            }
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            respond(x, 200, "text/html; charset=utf-8", page.render());
        }));
        s.start();
        return new StatusHttpServer(s, ex, at.host());
    }

    /** HOST:PORT it listens on (the bound port when 0 was asked). */
    HostPort address() {
        return new HostPort(host, server.getAddress().getPort());
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Handler {
        void handle(HttpExchange x) throws IOException;
    }

    /** GET and HEAD only; a handler's failure is a 500 with its message, never a dropped connection. */
    private static HttpHandler get(Handler h) {
        return x -> {
            try (x) {
                String m = x.getRequestMethod();
                if (!m.equals("GET") && !m.equals("HEAD")) {
                    x.getResponseHeaders().set("Allow", "GET, HEAD");
                    respond(x, 405, "text/plain; charset=utf-8", "read-only: GET or HEAD\n");
                    return;
                }
                try {
                    h.handle(x);
                } catch (RuntimeException e) {
                    LOG.warn("HTTP {} failed", x.getRequestURI(), e);
                    respond(x, 500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
                }
            }
        };
    }

    private static void respond(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
