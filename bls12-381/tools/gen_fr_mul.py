#!/usr/bin/env python3
"""Generates FrOps.mul: the Montgomery product on Fr's 4 x 64-bit limbs (R = 2^256) computed as a
reduced-radix product-scanning multiplication over 5 digits of 52 bits. a is pre-shifted by 4 bits so
that five reduction steps by 2^52 (2^260) leave exactly the 2^-256 factor; digits enter the products as
X = x << 11 and Y = y << 1, so multiplyHigh(X, Y) = floor(xy / 2^52) and (X * Y) >>> 12 = xy mod 2^52,
and column sums never overflow: no carry detection per product. The x·y column sums are balanced
trees apart from the reduction terms, so only the terms of the latest m wait. Prints the method (GeneratedKernelsTest compares it with its
BEGIN/END GENERATED region in FrOps.java)."""
from gen_common import tree

M = 'M52'
L = []
w = L.append
w("    public static void mul(long[] c, int co, long[] a, int ao, long[] b, int bo) {")
for k in range(4):
    w(f"        final long a{k} = a[ao + {k}];")
for k in range(4):
    w(f"        final long b{k} = b[bo + {k}];")
xd = [f"(a0 << 4) & {M}", f"((a0 >>> 48) | (a1 << 16)) & {M}", f"((a1 >>> 36) | (a2 << 28)) & {M}",
      f"((a2 >>> 24) | (a3 << 40)) & {M}", "a3 >>> 12"]          # digits of a << 4
yd = [f"b0 & {M}", f"((b0 >>> 52) | (b1 << 12)) & {M}", f"((b1 >>> 40) | (b2 << 24)) & {M}",
      f"((b2 >>> 28) | (b3 << 36)) & {M}", "b3 >>> 16"]           # digits of b
for k in range(5):
    w(f"        final long x{k} = ({xd[k]}) << 11;")
    w(f"        final long y{k} = ({yd[k]}) << 1;")
w("        long s, carry = 0, nprev = 0;")



# the x·y column sums do not depend on the reduction: their own chains, computed ahead
for k in range(9):
    los = [f"((x{i} * y{k - i}) >>> 12)" for i in range(5) if 0 <= k - i < 5]
    his = [f"Math.multiplyHigh(x{i}, y{k - i})" for i in range(5) if 0 <= k - i < 5]
    w(f"        final long sl{k} = {tree(los)};")
    w(f"        final long sh{k} = {tree(his)};")
for k in range(9):
    w(f"        // column {k}")
    los = [f"sl{k}", "carry", "nprev"] + [f"((m{i} * E{k - i}) >>> 12)" for i in range(min(k, 5)) if 0 <= k - i < 5]
    his = [f"sh{k}"] + [f"Math.multiplyHigh(m{i}, E{k - i})" for i in range(min(k, 5)) if 0 <= k - i < 5]
    w(f"        s = {tree(los)};")
    w(f"        long n{k} = {tree(his)};")
    if k <= 4:
        w(f"        final long m{k} = ((s * INV52) & M52) << 11;")
        w(f"        s += (m{k} * E0) >>> 12;")
        w(f"        n{k} += Math.multiplyHigh(m{k}, E0);")
    else:
        w(f"        final long d{k - 5} = s & M52;")
    w("        carry = s >>> 52;")
    w(f"        nprev = n{k};")
w("        final long d4 = carry + nprev;")
w("        reduceOnceAndStore(c, co, d0 | (d1 << 52), (d1 >>> 12) | (d2 << 40), (d2 >>> 24) | (d3 << 28),")
w("                (d3 >>> 36) | (d4 << 16));")
w("    }")
print("\n".join(L))
