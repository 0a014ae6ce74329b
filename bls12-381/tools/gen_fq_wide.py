#!/usr/bin/env python3
"""Generates the kernels of FqWide.java (everything from product() on), for lazy reduction.
product() writes a·2^8·b as 14 normalized 56-bit digits, by one level of signed Karatsuba on the
4 + 3 digit halves; reduce2() runs two Montgomery reductions of gen_fq_mul.py on 14 signed,
unnormalized digits (a linear combination of products) with arithmetic carries. Run from
bls12-381/: python3 tools/gen_fq_wide.py, and paste it between FqWide.java's BEGIN/END GENERATED markers
(GeneratedKernelsTest compares)."""
from gen_common import tree, xdigits, ydigits

M = 'M56'
L = []
w = L.append


xdig, ydig = xdigits, ydigits


def lo(x, y):
    return f"(({x} * {y}) >>> 8)"


def hi(x, y):
    return f"Math.multiplyHigh({x}, {y})"


xd, yd = xdig('a'), ydig('b')
w("    /**")
w("     * w[wo..wo+14) = a·2^8·b as 56-bit digits, all below 2^56 but the top one; a, b any 6-limb values.")
w("     * One level of Karatsuba on the 4 + 3 digit halves: a·b = LL + (LL + HH − MM)·B^4")
w("     * + HH·B^8 with MM = (aL − aH)(bL − bH) on signed digit differences (multiplyHigh stays exact and")
w("     * (X·Y) >>> 8 is the non-negative low digit for signed factors): 41 digit products instead of 49.")
w("     */")
w("    static void product(long[] w, int wo, long[] a, int ao, long[] b, int bo) {")
for k in range(6):
    w(f"        final long a{k} = a[ao + {k}];")
for k in range(6):
    w(f"        final long b{k} = b[bo + {k}];")
for k in range(7):
    w(f"        final long xd{k} = {xd[k]};")
    w(f"        final long yd{k} = {yd[k]};")
for k in range(7):
    w(f"        final long x{k} = xd{k} << 7, y{k} = yd{k} << 1;")
for k in range(3):
    w(f"        final long dx{k} = (xd{k} - xd{k + 4}) << 7, dy{k} = (yd{k} - yd{k + 4}) << 1;")
w("        final long dx3 = x3, dy3 = y3;")


def poly(name, xs, ys, n, m):
    for r in range(n + m - 1):
        los, his = [], []
        for i in range(n):
            j = r - i
            if 0 <= j < m:
                los.append(lo(xs(i), ys(j)))
                his.append(hi(xs(i), ys(j)))
        w(f"        final long {name}l{r} = {tree(los)};")
        w(f"        final long {name}h{r} = {tree(his)};")


poly("ll", lambda i: f"x{i}", lambda j: f"y{j}", 4, 4)
poly("hh", lambda i: f"x{i + 4}", lambda j: f"y{j + 4}", 3, 3)
poly("mm", lambda i: f"dx{i}", lambda j: f"dy{j}", 4, 4)


def col(part, k):
    pos, neg = [], []
    if 0 <= k < 7: pos.append(f"ll{part}{k}")
    if 0 <= k - 4 < 7: pos.append(f"ll{part}{k - 4}")
    if 0 <= k - 4 < 5: pos.append(f"hh{part}{k - 4}")
    if 0 <= k - 8 < 5: pos.append(f"hh{part}{k - 8}")
    if 0 <= k - 4 < 7: neg.append(f"mm{part}{k - 4}")
    e = tree(pos) if pos else "0"
    if neg:
        e = f"{e} - {neg[0]}"
    return e


for k in range(13):
    w(f"        final long sl{k} = {col('l', k)};")
    w(f"        final long sh{k} = {col('h', k)};")
w("        long c = sl0;")
w("        w[wo] = c & M56;")
for k in range(1, 13):
    w(f"        c = (c >> 56) + sl{k} + sh{k - 1};")
    w(f"        w[wo + {k}] = c & M56;")
w("        w[wo + 13] = (c >> 56) + sh12;")
w("    }")


def reduce_body(sfx, wo):
    """Statements of one reduction per column, for variables suffixed sfx reading w[wo + k]."""
    cols = []
    for k in range(14):
        st = []
        los, his = [f"w[{wo} + {k}]", f"carry{sfx}", f"nprev{sfx}"], []
        for i in range(7):
            j = k - i
            if 0 <= j < 7 and i < k:
                los.append(lo(f"m{i}{sfx}", f"E{j}"))
                his.append(hi(f"m{i}{sfx}", f"E{j}"))
        st.append(f"c{sfx} = {tree(los)};")
        if k == 13:
            st.append(f"final long d6{sfx} = c{sfx};")
        else:
            st.append(f"long n{k}{sfx} = {tree(his) if his else '0'};")
            if k <= 6:
                st.append(f"final long m{k}{sfx} = ((c{sfx} * INV56) & M56) << 7;")
                st.append(f"c{sfx} += (m{k}{sfx} * E0) >>> 8;")
                st.append(f"n{k}{sfx} += Math.multiplyHigh(m{k}{sfx}, E0);")
            else:
                st.append(f"final long d{k - 7}{sfx} = c{sfx} & M56;")
            st.append(f"carry{sfx} = c{sfx} >> 56;")
            st.append(f"nprev{sfx} = n{k}{sfx};")
        cols.append(st)
    return cols


def finish(sfx, ro):
    d = lambda i: f"d{i}{sfx}"
    w(f"        below9q(r, {ro}, {d(0)} | ({d(1)} << 56), ({d(1)} >>> 8) | ({d(2)} << 48), ({d(2)} >>> 16) | ({d(3)} << 40),")
    w(f"                ({d(3)} >>> 24) | ({d(4)} << 32), ({d(4)} >>> 32) | ({d(5)} << 24), ({d(5)} >>> 40) | ({d(6)} << 16));")


w("    /**")
w("     * r = T·2^-392 mod q, fully reduced, for T = Σ w[wo+i]·2^(56i) (signed digits below 2^62 in")
w("     * magnitude) with 0 ≤ T and T·2^-392 < 8q: the caller's bound (see the class comment). Two such")
w("     * reductions at once, interleaved column by column so that their carry chains overlap:")
w("     * r[ro..ro+6) from w[wa..], r[ro+6..ro+12) from w[wb..] (an Fq2 value); wa may equal wb.")
w("     */")
w("    static void reduce2(long[] r, int ro, long[] w, int wa, int wb) {")
w("        long cA, carryA = 0, nprevA = 0, cB, carryB = 0, nprevB = 0;")
for k, (sa, sb) in enumerate(zip(reduce_body("A", "wa"), reduce_body("B", "wb"))):
    w(f"        // column {k}")
    for x in sa + sb:
        w("        " + x)
finish("A", "ro")
finish("B", "ro + 6")
w("    }")
print("\n".join(L))
