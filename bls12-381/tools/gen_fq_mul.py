#!/usr/bin/env python3
"""Generates the Montgomery product kernel of FqOps (56-bit-digit product scanning) with pre-shifted
digits: X = x << 7, Y = y << 1, so multiplyHigh(X, Y) is the digit product's part above bit 56 and
(X * Y) >>> 8 its low 56 bits — no shift/or recombination per product. Prints the method: `mul` (default) or `square` as
the first argument; GeneratedKernelsTest compares each with its BEGIN/END GENERATED region in FqOps.java."""
import sys

from gen_common import tree, xdigits, ydigits
M = 'M56'
L = []
w = L.append
name = sys.argv[1] if len(sys.argv) > 1 else 'mul'


xdig, ydig = xdigits, ydigits



def sdig(v):  # digits of (limbs << 4), for squaring (both factors pre-shifted by 4: a²·2^8)
    return [f"(({v}0 << 4)) & {M}", f"(({v}0 >>> 52) | ({v}1 << 12)) & {M}", f"(({v}1 >>> 44) | ({v}2 << 20)) & {M}",
            f"(({v}2 >>> 36) | ({v}3 << 28)) & {M}", f"(({v}3 >>> 28) | ({v}4 << 36)) & {M}",
            f"(({v}4 >>> 20) | ({v}5 << 44)) & {M}", f"(({v}5 >>> 12)) & {M}"]


square = name == 'square'
if square:
    w(f"    public static void {name}(long[] r, int ro, long[] a, int ao) {{")
else:
    w(f"    public static void {name}(long[] r, int ro, long[] a, int ao, long[] b, int bo) {{")
for k in range(6):
    w(f"        final long a{k} = a[ao + {k}];")
if square:
    sd = sdig('a')
    for k in range(7):
        w(f"        final long s{k} = {sd[k]};")
        w(f"        final long x{k} = s{k} << 7;")
        w(f"        final long y{k} = s{k} << 1;")
else:
    for k in range(6):
        w(f"        final long b{k} = b[bo + {k}];")
    xd, yd = xdig('a'), ydig('b')
    for k in range(7):
        w(f"        final long x{k} = ({xd[k]}) << 7;")
        w(f"        final long y{k} = ({yd[k]}) << 1;")
w("        long c, carry = 0, nprev = 0;")



def lo(x, y, double=False):
    return f"(((({x} * {y}) >>> 8)) << 1)" if double else f"(({x} * {y}) >>> 8)"


def hi(x, y, double=False):
    return f"(Math.multiplyHigh({x}, {y}) << 1)" if double else f"Math.multiplyHigh({x}, {y})"


# The x·y column sums do not depend on the reduction, so they form their own short chains that
# the CPU computes ahead; only the terms of m_{k-1} wait for the previous column. (A single
# accumulator made every column wait for all the products before it: ~20 % slower.)
for k in range(13):
    los, his = [], []
    for i in range(7):
        j = k - i
        if 0 <= j < 7:
            if square:
                if i < j:
                    los.append(lo(f"x{i}", f"y{j}", True))
                    his.append(hi(f"x{i}", f"y{j}", True))
                elif i == j:
                    los.append(lo(f"x{i}", f"y{j}"))
                    his.append(hi(f"x{i}", f"y{j}"))
            else:
                los.append(lo(f"x{i}", f"y{j}"))
                his.append(hi(f"x{i}", f"y{j}"))
    w(f"        final long sl{k} = {tree(los)};")
    w(f"        final long sh{k} = {tree(his)};")
for k in range(13):
    w(f"        // column {k}")
    los, his = [f"sl{k}", "carry", "nprev"], [f"sh{k}"]
    for i in range(7):
        j = k - i
        if 0 <= j < 7 and i < k:
            los.append(lo(f"m{i}", f"E{j}"))
            his.append(hi(f"m{i}", f"E{j}"))
    w(f"        c = {tree(los)};")
    w(f"        long n{k} = {tree(his)};")
    if k <= 6:
        w(f"        final long m{k} = ((c * INV56) & M56) << 7;")
        w(f"        c += (m{k} * E0) >>> 8;")
        w(f"        n{k} += Math.multiplyHigh(m{k}, E0);")
    else:
        w(f"        final long d{k - 7} = c & M56;")
    w(f"        carry = c >>> 56;")
    w(f"        nprev = n{k};")
w("        final long d6 = carry + nprev;")
w("        reduceProduct(r, ro, d0 | (d1 << 56), (d1 >>> 8) | (d2 << 48), (d2 >>> 16) | (d3 << 40),")
w("                (d3 >>> 24) | (d4 << 32), (d4 >>> 32) | (d5 << 24), (d5 >>> 40) | (d6 << 16));")
w("    }")
print("\n".join(L))
