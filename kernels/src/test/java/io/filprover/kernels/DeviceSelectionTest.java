package io.filprover.kernels;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code --devices} / {@code FILPROVER_DEVICES} setting both device backends read: parsing and choosing. */
class DeviceSelectionTest {
    private static List<Integer> indices(String setting) throws DeviceSelection.Invalid {
        DeviceSelection s = DeviceSelection.parse(setting);
        assertTrue(!s.everyDevice(), setting);
        return s.indices();
    }

    @Test
    void indicesInOrderWithoutRepeatsAndBlanksAroundThem() throws Exception {
        assertEquals(List.of(0, 2), indices("0,2"));
        assertEquals(List.of(2, 0), indices(" 2 , 0 ,2 "));
        assertEquals(List.of(1), indices("1,1"));
        assertEquals(List.of(10), indices("10"));
        assertEquals("0,2", DeviceSelection.parse(" 0,2 ").toString());
    }

    @Test
    void nothingBlankOrAllIsEveryDevice() throws Exception {
        for (String s : new String[] {null, "", "   ", "all", "ALL", " All "}) {
            DeviceSelection d = DeviceSelection.parse(s);
            assertTrue(d.everyDevice(), "'" + s + "'");
            assertEquals(List.of(), d.indices());
        }
    }

    @Test
    void badTextIsRefusedNamingThePart() {
        // ranges are not part of the syntax: "0-2" is refused like any other text
        String[][] cases = {{"first", "'first'"}, {"1,,2", "''"}, {"0,", "''"}, {",1", "''"}, {"-1", "'-1'"}, {"+1", "'+1'"},
            {"0-2", "'0-2'"}, {"0;1", "'0;1'"}, {"99999999999", "'99999999999'"}, {"1 2", "'1 2'"}};
        for (String[] c : cases) {
            DeviceSelection.Invalid e = assertThrows(DeviceSelection.Invalid.class, () -> DeviceSelection.parse(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("device selection '" + c[0] + "' is not a comma-separated list of device indices"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(c[1] + " is not an index"), e.getMessage());
        }
    }

    @Test
    void choosingKeepsTheOrderAndRefusesAMissingOrUnusableDevice() throws Exception {
        List<String> all = List.of("gpu0", "cpu1", "gpu2");
        java.util.function.Function<String, String> unusable = d -> d.startsWith("cpu") ? "a CPU device" : null;
        assertEquals(List.of("gpu2", "gpu0"), DeviceSelection.parse("2,0").choose(all, "OpenCL", unusable, ""));
        assertEquals(List.of("gpu0", "gpu2"), DeviceSelection.parse(null).choose(all, "OpenCL", unusable, ""),
                "every usable device");
        DeviceSelection.Invalid missing = assertThrows(DeviceSelection.Invalid.class,
                () -> DeviceSelection.parse("0,3").choose(all, "CUDA", d -> null, " (CUDA_VISIBLE_DEVICES=1,2,3)"));
        assertEquals("device selection '0,3' names device 3, but only 3 CUDA device(s) are found (numbered from 0)"
                + " (CUDA_VISIBLE_DEVICES=1,2,3)", missing.getMessage());
        DeviceSelection.Invalid cpu = assertThrows(DeviceSelection.Invalid.class,
                () -> DeviceSelection.parse("0,1").choose(all, "OpenCL", unusable, ""));
        assertEquals("device selection '0,1' names OpenCL device 1, which cannot be used: a CPU device", cpu.getMessage());
    }

    @Test
    void thePropertyComesBeforeTheEnvironment() {
        String old = System.getProperty(DeviceSelection.PROPERTY);
        try {
            System.setProperty(DeviceSelection.PROPERTY, " 1,0 ");
            assertEquals("1,0", DeviceSelection.configured());
            System.setProperty(DeviceSelection.PROPERTY, " ");
            String env = System.getenv(DeviceSelection.ENV);
            assertEquals(env == null || env.isBlank() ? null : env.trim(), DeviceSelection.configured(), "a blank property is no setting");
        } finally {
            if (old == null) {
                System.clearProperty(DeviceSelection.PROPERTY);
            } else {
                System.setProperty(DeviceSelection.PROPERTY, old);
            }
        }
    }
}
