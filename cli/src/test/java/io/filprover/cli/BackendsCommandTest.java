package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code filprover backends}: every backend once, with its devices (index, name, platform, memory,
 * selected, why unusable) as indented lines and in the JSON. The OpenCL rule for CPU devices is checked
 * by running the command in two JVMs, with {@code FILPROVER_OPENCL_CPU} 0 and 1 (the probe runs once per
 * process), against each other and, where {@code clinfo} is installed, against its device list.
 */
class BackendsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON lines by backend name. */
    private static Map<String, JsonNode> parse(String out) throws IOException {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line + "\nin:\n" + out, e);
            }
            assertFalse(m.containsKey(n.get("name").asText()), "each backend once: " + out);
            m.put(n.get("name").asText(), n);
        }
        return m;
    }

    /** What holds for any backend on any machine. */
    private static void checkShape(JsonNode b) {
        String why = b.toString();
        assertFalse(b.get("detail").asText().isBlank(), why);
        boolean available = b.get("available").asBoolean();
        JsonNode devices = b.get("devices");
        assertTrue(devices.isArray(), why);
        int selected = 0;
        for (int i = 0; i < devices.size(); i++) {
            JsonNode d = devices.get(i);
            assertEquals(i, d.get("index").asInt(), why);
            assertFalse(d.get("name").asText().isBlank() || d.get("platform").asText().isBlank(), why);
            assertTrue(d.get("memory_bytes").asLong() > 0, why);
            assertTrue(d.has("unusable"), why);
            if (d.get("selected").asBoolean()) {
                assertTrue(d.get("unusable").isNull(), "a selected device is usable: " + why);
                selected++;
            }
        }
        if (!available) {
            assertEquals(0, selected, "an unavailable backend uses no device: " + why);
        } else if (devices.size() > 0) {
            assertTrue(selected > 0, "an available device backend uses a device: " + why);
        }
    }

    @Test
    void textAndJsonListEveryBackendWithItsDevices() throws Exception {
        CliRunner json = CliRunner.run("backends", "--json");
        assertEquals(0, json.code(), json.err());
        Map<String, JsonNode> backends = parse(json.out());
        assertEquals(List.of("cuda", "opencl", "cpu"), new ArrayList<>(backends.keySet()), "highest priority first");
        backends.values().forEach(BackendsCommandTest::checkShape);
        JsonNode cpu = backends.get("cpu");
        assertTrue(cpu.get("available").asBoolean(), cpu.toString());
        assertEquals(0, cpu.get("devices").size());
        JsonNode cuda = backends.get("cuda");
        if (!cuda.get("available").asBoolean() && cuda.get("detail").asText().contains("libcuda.so.1")) {
            assertEquals(0, cuda.get("devices").size(), "no driver, no device list: " + cuda);
        }

        CliRunner text = CliRunner.run("backends");
        assertEquals(0, text.code(), text.err());
        List<String> lines = text.out().strip().lines().toList();
        int at = 0;
        for (JsonNode b : backends.values()) {
            String head = lines.get(at++);
            assertTrue(head.startsWith(b.get("name").asText() + " ")
                    && head.contains(b.get("available").asBoolean() ? " available " : " unavailable ")
                    && head.endsWith(b.get("detail").asText()), head);
            for (JsonNode d : b.get("devices")) {
                String line = lines.get(at++);
                String state = d.get("unusable").isNull() ? d.get("selected").asBoolean() ? "selected" : "not selected"
                        : "unusable: " + d.get("unusable").asText();
                assertEquals("  [" + d.get("index").asInt() + "] " + d.get("name").asText() + " (" + d.get("platform").asText() + "), "
                        + (d.get("memory_bytes").asLong() >> 20) + " MiB, " + state, line);
            }
        }
        assertEquals(lines.size(), at, text.out());
    }

    /** {@code filprover backends --json} in a JVM of its own with FILPROVER_OPENCL_CPU set so. */
    private static Map<String, JsonNode> inOwnJvm(String openclCpu) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // the product's logging (to stderr), not a test configuration the class path may hold
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=logback.xml", "-cp", cp,
                "io.filprover.cli.Main", "backends", "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("FILPROVER_OPENCL_CPU", openclCpu);
        pb.environment().remove("FILPROVER_DEVICES");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return parse(out);
    }

    @Test
    void openClListsCpuDevicesWithTheReasonUnlessAdmittedAndThenUsesThem() throws Exception {
        JsonNode refused = inOwnJvm("0").get("opencl");
        JsonNode admitted = inOwnJvm("1").get("opencl");
        checkShape(refused);
        checkShape(admitted);
        JsonNode before = refused.get("devices");
        JsonNode after = admitted.get("devices");
        assertEquals(before.size(), after.size(), "the same devices either way: " + refused + " " + admitted);
        int cpuDevices = 0;
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).get("name"), after.get(i).get("name"));
            assertEquals(before.get(i).get("memory_bytes"), after.get(i).get("memory_bytes"));
            if (before.get(i).get("unusable").asText("").contains("FILPROVER_OPENCL_CPU=1 admits it")) {
                cpuDevices++;
                assertTrue(after.get(i).get("unusable").isNull(), "admitted: " + after.get(i));
            }
        }
        if (before.size() > 0 && cpuDevices == before.size()) {
            // CPU devices only (POCL): refused without the switch, the first one used with it
            assertFalse(refused.get("available").asBoolean(), refused.toString());
            assertTrue(refused.get("detail").asText().startsWith("only CPU OpenCL devices"), refused.toString());
            assertTrue(admitted.get("available").asBoolean(), admitted.toString());
            assertTrue(after.get(0).get("selected").asBoolean(), admitted.toString());
        }
        List<String> clinfo = clinfoDevices();
        if (clinfo != null) {
            List<String> names = new ArrayList<>();
            after.forEach(d -> names.add(d.get("name").asText()));
            assertEquals(clinfo, names, "the devices clinfo -l lists, in its order");
        }
    }

    /** The device names {@code clinfo -l} prints, platform by platform; null without clinfo. */
    private static List<String> clinfoDevices() throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("clinfo", "-l").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String line : out.lines().toList()) {
            int at = line.indexOf("Device #");
            if (at >= 0) {
                names.add(line.substring(line.indexOf(": ", at) + 2).trim());
            }
        }
        return names;
    }
}
