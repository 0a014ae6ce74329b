package io.filprover.kernels;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two preludes define the same macros (besides the language flag), so the body sees one language. */
class KernelSourceTest {
    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*#define\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern TYPEDEF = Pattern.compile("(?m)^\\s*typedef\\s+[^;]*\\s([A-Za-z_][A-Za-z0-9_]*)\\s*;");

    private static Set<String> names(String src) {
        Set<String> out = new TreeSet<>();
        for (Pattern p : new Pattern[] {DEFINE, TYPEDEF}) {
            Matcher m = p.matcher(src);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void thePreludesDefineTheSameNames() {
        Set<String> cl = names(KernelSource.read(KernelSource.PRELUDE_OPENCL));
        Set<String> cuda = names(KernelSource.read(KernelSource.PRELUDE_CUDA));
        assertTrue(cl.remove("FP_OPENCL") && cuda.remove("FP_CUDA"), cl + " / " + cuda);
        assertEquals(cl, cuda);
        assertTrue(cl.containsAll(Set.of("KERNEL", "GLOBAL", "LOCAL", "CONSTANT", "DEVICE", "GLOBAL_ID", "MUL_HI_U64", "u32", "u64")), cl.toString());
    }

    @Test
    void theBodiesUseNoLanguageSpecificSpelling() {
        for (String name : KernelSource.BODIES) {
            String body = KernelSource.read(name);
            for (String word : new String[] {"__kernel", "__global", "__device__", "get_global_id", "blockIdx", "ulong", "uint ", "#include"}) {
                assertTrue(!body.contains(word), name + " spells " + word + " directly; use the prelude's macro");
            }
        }
    }
}
