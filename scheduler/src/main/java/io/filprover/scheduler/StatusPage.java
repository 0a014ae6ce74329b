package io.filprover.scheduler;

import io.filprover.proto.v1.CpuFallbacks;
import io.filprover.proto.v1.Device;
import io.filprover.proto.v1.DeviceUtilization;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ParamFile;
import io.filprover.proto.v1.ParamTier;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.Progress;
import io.filprover.scheduler.store.JobStore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The coordinator's read-only status page: queue depth by kind and priority, the queued jobs, the
 * running ones with their progress and worker, the workers with their devices and slots, and the
 * recent failures — the operator's view {@code lotus-miner sealing jobs} gives. One self-contained
 * HTML document (inline style, no script, no external asset) that reloads itself every few seconds;
 * every value from a job, a worker or an error is escaped.
 */
final class StatusPage {
    static final int REFRESH_SECONDS = 5;
    /** Rows listed per table; the depth table still counts every job. */
    static final int MAX_ROWS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = "body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}"
            + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}"
            + "table{border-collapse:collapse;margin:.4em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
            + "th{background:#f0f0f0}td.n{text-align:right}code{font-size:.92em}.muted{color:#777}"
            + "progress{width:9em}.bad{color:#a00}";

    private final Coordinator c;

    StatusPage(Coordinator c) {
        this.c = c;
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    String render() {
        long now = c.clock.getAsLong();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<title>filprover coordinator ").append(esc(c.address())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>filprover coordinator <code>").append(esc(c.address())).append("</code></h1>\n")
                .append("<p class=\"muted\">").append(esc(TIME.format(Instant.ofEpochMilli(now))))
                .append(" · reloads every ").append(REFRESH_SECONDS).append(" s · <a href=\"/metrics\">/metrics</a></p>\n");
        depths(h);
        queued(h, now);
        running(h, now);
        workers(h, now);
        failures(h, now);
        return h.append("</body></html>\n").toString();
    }

    private void depths(StringBuilder h) {
        h.append("<h2>Queue depth</h2>\n<table id=\"queue-depth\"><thead><tr><th>kind</th>");
        for (Priority p : CoordinatorMetrics.priorities()) {
            h.append("<th>").append(CoordinatorMetrics.label(p)).append(" queued / running</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (Map.Entry<JobKind, Map<Priority, long[]>> e : c.metrics.depthTable(c.config.kinds).entrySet()) {
            h.append("<tr><td>").append(CoordinatorMetrics.label(e.getKey())).append("</td>");
            for (long[] n : e.getValue().values()) {
                h.append("<td class=\"n\">").append(n[0]).append(" / ").append(n[1]).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private void queued(StringBuilder h, long now) {
        List<JobStore.StoredJob> jobs = c.store.list(new JobStore.JobFilter(JobState.JOB_STATE_QUEUED, null, 0),
                MAX_ROWS, null);
        jobs = new ArrayList<>(jobs);
        // the order the scheduler takes them in: highest priority first, then oldest
        jobs.sort(Comparator.comparingInt((JobStore.StoredJob j) -> -j.priority().getNumber())
                .thenComparingLong(JobStore.StoredJob::createdUnixMs));
        h.append("<h2>Queued jobs</h2>\n<table id=\"queue\"><thead><tr><th>job</th><th>kind</th><th>priority</th>")
                .append("<th>waiting</th><th>attempts</th><th>deadline</th></tr></thead><tbody>\n");
        for (JobStore.StoredJob j : jobs) {
            h.append("<tr><td><code>").append(esc(j.jobId())).append("</code></td><td>")
                    .append(CoordinatorMetrics.label(j.kind())).append("</td><td>")
                    .append(CoordinatorMetrics.label(j.priority())).append("</td><td>")
                    .append(ago(now, j.createdUnixMs())).append("</td><td class=\"n\">").append(j.attempts())
                    .append("</td><td>").append(deadline(j, now)).append("</td></tr>\n");
        }
        empty(h, jobs.isEmpty(), 6, "no job is queued");
        h.append("</tbody></table>\n");
    }

    private void running(StringBuilder h, long now) {
        List<JobStore.StoredJob> jobs = c.store.list(new JobStore.JobFilter(JobState.JOB_STATE_RUNNING, null, 0),
                MAX_ROWS, null);
        h.append("<h2>Running jobs</h2>\n<table id=\"running\"><thead><tr><th>job</th><th>kind</th><th>priority</th>")
                .append("<th>worker</th><th>progress</th><th>running for</th><th>attempt</th><th>deadline</th></tr>")
                .append("</thead><tbody>\n");
        for (JobStore.StoredJob j : jobs) {
            h.append("<tr><td><code>").append(esc(j.jobId())).append("</code></td><td>")
                    .append(CoordinatorMetrics.label(j.kind())).append("</td><td>")
                    .append(CoordinatorMetrics.label(j.priority())).append("</td><td><code>")
                    .append(esc(j.workerId())).append("</code></td><td>").append(progress(c.progress.get(j.jobId())))
                    .append("</td><td>").append(ago(now, j.startedUnixMs())).append("</td><td class=\"n\">")
                    .append(j.attempts()).append("</td><td>").append(deadline(j, now)).append("</td></tr>\n");
        }
        empty(h, jobs.isEmpty(), 8, "no job is running");
        h.append("</tbody></table>\n");
    }

    private static String progress(Progress p) {
        if (p == null || p.getTotal() == 0 && p.getDone() == 0) {
            return "<span class=\"muted\">none reported</span>";
        }
        String task = esc(p.getTask());
        if (p.getTotal() == 0) {
            return task + ": " + p.getDone() + " done";
        }
        double pct = 100.0 * p.getDone() / p.getTotal();
        return String.format("<progress max=\"%d\" value=\"%d\"></progress> %s %.1f%% (%d / %d)",
                p.getTotal(), Math.min(p.getDone(), p.getTotal()), task, pct, p.getDone(), p.getTotal());
    }

    private void workers(StringBuilder h, long now) {
        List<WorkerEntry> ws = new ArrayList<>(c.workers.values());
        ws.sort(Comparator.comparing((WorkerEntry w) -> !w.connected).thenComparing(w -> w.id));
        h.append("<h2>Workers</h2>\n<table id=\"workers\"><thead><tr><th>worker</th><th>host</th><th>state</th>")
                .append("<th>devices</th><th>device busy</th><th>threads</th><th>slots busy</th><th>running jobs</th>")
                .append("<th>kinds</th><th>parameters hot / warm / cold</th><th>CPU fallbacks</th><th>last seen</th>")
                .append("</tr></thead><tbody>\n");
        for (WorkerEntry w : ws) {
            List<String> jobs = new ArrayList<>();
            for (String lease : w.active) {
                LeaseEntry e = c.leases.get(lease);
                if (e != null) {
                    jobs.add("<code>" + esc(e.jobId()) + "</code>");
                }
            }
            h.append("<tr><td><code>").append(esc(w.id)).append("</code></td><td>").append(esc(w.info.getHost()))
                    .append("</td><td>").append(w.connected ? "connected" : "<span class=\"bad\">disconnected</span>")
                    .append("</td><td>").append(devices(w.info.getDevicesList())).append("</td><td>")
                    .append(busy(w.utilization)).append("</td><td class=\"n\">")
                    .append(w.info.getThreads()).append("</td><td class=\"n\">").append(w.active.size()).append(" / ")
                    .append(w.slots).append("</td><td>").append(String.join("<br>", jobs)).append("</td><td>");
            List<String> kinds = new ArrayList<>();
            w.kinds.stream().sorted().forEach(k -> kinds.add(CoordinatorMetrics.label(k)));
            h.append(String.join(", ", kinds)).append("</td><td class=\"n\">").append(params(w)).append("</td><td>")
                    .append(fallbacks(w.cpuFallbacks())).append("</td><td>").append(ago(now, w.lastSeen))
                    .append("</td></tr>\n");
        }
        empty(h, ws.isEmpty(), 12, "no worker has registered");
        h.append("</tbody></table>\n");
    }

    /** Each device's busy share of the worker's last heartbeat interval. */
    private static String busy(List<DeviceUtilization> devices) {
        if (devices.isEmpty()) {
            return "<span class=\"muted\">not reported</span>";
        }
        List<String> out = new ArrayList<>();
        for (DeviceUtilization d : devices) {
            out.add(esc(d.getBackend()) + String.format(Locale.ROOT, " %.0f%%", 100 * d.getBusyRatio()));
        }
        return String.join("<br>", out);
    }

    /** Bytes of its parameter files per tier, each with the files' names in its tooltip. */
    private static String params(WorkerEntry w) {
        List<String> out = new ArrayList<>();
        for (ParamTier t : List.of(ParamTier.PARAM_TIER_HOT, ParamTier.PARAM_TIER_WARM, ParamTier.PARAM_TIER_COLD)) {
            List<String> names = w.params.stream().filter(f -> f.getTier() == t).map(ParamFile::getName).toList();
            out.add("<span title=\"" + esc(String.join(" ", names)) + "\">" + bytes(w.paramBytes(t)) + "</span>");
        }
        return String.join(" / ", out);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String fallbacks(List<CpuFallbacks> fs) {
        if (fs.isEmpty()) {
            return "0";
        }
        List<String> out = new ArrayList<>();
        for (CpuFallbacks f : fs) {
            out.add("<span class=\"bad\">" + esc(f.getBackend()) + ": " + f.getCount() + "</span>");
        }
        return String.join("<br>", out);
    }

    private static String devices(List<Device> devices) {
        List<String> out = new ArrayList<>();
        for (Device d : devices) {
            String name = d.getAvailable() ? d.getName() : d.getDetail();
            out.add((d.getAvailable() ? "" : "<span class=\"muted\">") + esc(d.getBackend())
                    + (name.isEmpty() ? "" : ": " + esc(name)) + (d.getAvailable() ? "" : " (unavailable)</span>"));
        }
        return String.join("<br>", out);
    }

    private void failures(StringBuilder h, long now) {
        List<CoordinatorMetrics.Failure> fs = c.metrics.recentFailures();
        h.append("<h2>Recent failures</h2>\n<table id=\"failures\"><thead><tr><th>when</th><th>job</th><th>kind</th>")
                .append("<th>worker</th><th>class</th><th>error kind</th><th>message</th><th>then</th></tr>")
                .append("</thead><tbody>\n");
        for (CoordinatorMetrics.Failure f : fs) {
            h.append("<tr><td>").append(ago(now, f.atUnixMs())).append("</td><td><code>").append(esc(f.jobId()))
                    .append("</code></td><td>").append(CoordinatorMetrics.label(f.kind())).append("</td><td><code>")
                    .append(esc(f.workerId())).append("</code></td><td>").append(esc(f.errorClass())).append("</td><td>")
                    .append(esc(f.errorKind())).append("</td><td>").append(esc(f.message())).append("</td><td>")
                    .append(f.willRetry() ? "retried" : "ended").append("</td></tr>\n");
        }
        empty(h, fs.isEmpty(), 8, "no failure since this coordinator started");
        h.append("</tbody></table>\n");
    }

    private static void empty(StringBuilder h, boolean empty, int cols, String text) {
        if (empty) {
            h.append("<tr><td colspan=\"").append(cols).append("\" class=\"muted\">").append(text).append("</td></tr>\n");
        }
    }

    private static String ago(long now, long thenMs) {
        if (thenMs <= 0) {
            return "";
        }
        long s = Math.max(0, (now - thenMs) / 1000);
        String rel = s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
        return "<span title=\"" + TIME.format(Instant.ofEpochMilli(thenMs)) + "\">" + rel + "</span>";
    }

    private static String deadline(JobStore.StoredJob j, long now) {
        long d;
        try {
            d = j.request() == null ? 0 : JobRequest.parseFrom(j.request()).getDeadlineUnixMs();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return "";
        }
        if (d <= 0) {
            return "";
        }
        String at = TIME.format(Instant.ofEpochMilli(d));
        return d < now ? "<span class=\"bad\">" + at + " (missed)</span>" : at;
    }
}
