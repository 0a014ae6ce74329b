"""Prototype (not built into the product): emits VecMul.java, WAYS x 4 independent Montgomery
multiplications mod the BLS12-381 base field q in 256-bit vectors through jdk.incubator.vector.
Operands: 8 digits of 52 bits held exactly in doubles, R = 2^416, inputs and outputs in [0, 2q).
A 52x52-bit digit product is split exactly by two FMAs: h = fma(a, b, C) with C = 2^104 (1.5*2^104
for the signed reduction digits) has the rounded high half in its mantissa bits; l = fma(a, b, C - h)
is the exact remainder; both are accumulated as integers through their bit patterns, the constant
offsets are removed up front (K). Reduction is product scanning with signed digits m, and q is added
once (folded into K) so a negative sum cannot occur. Measured results: bench/RESULTS.md section 4.
Usage: WAYS=1 BUDGET=12 python3 gen_vec_mul.py  (BUDGET: digit products per generated method per
way; C1 bails out of larger methods and C2 may then never compile them)."""
q = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
W = 52; N = 8; M = (1 << W) - 1
qd = [(q >> (W*i)) & M for i in range(N)]
qinv = (-pow(q, -1, 1 << W)) % (1 << W)
C1B = 0x4670000000000000      # 2^104
C1SB = 0x4678000000000000     # 1.5 * 2^104 (signed products m*q)
C2B = 0x4338000000000000      # 1.5 * 2^52
def s64(x):
    x &= (1<<64)-1
    return x - (1<<64) if x >> 63 else x
# per column: corrections for lo (C2B each) and hi (C1B or C1SB)
corr = [0]*17
for i in range(N):
    for j in range(N):
        corr[i+j] += C2B; corr[i+j+1] += C1B      # a*b
        corr[i+j] += C2B; corr[i+j+1] += C1SB     # m_i*q_j
K = [s64(-corr[k] + (qd[k-8] if 8 <= k < 16 else 0)) for k in range(17)]  # + q: signed m digits can make the result negative

WAYS = int(__import__("os").environ.get("WAYS", "1"))
BUDGET = int(__import__("os").environ.get("BUDGET", "12"))  # products per method per way
def nprod(k):
    ab = sum(1 for i in range(N) if 0 <= k - i < N)
    mq = sum(1 for j in range(N) if 0 <= k - j < N)
    return ab + mq
GROUPS = []
lo = 0; acc = 0
for k in range(16):
    if acc + nprod(k) > BUDGET and k > lo:
        GROUPS.append((lo, k)); lo = k; acc = 0
    acc += nprod(k)
GROUPS.append((lo, 16))
out = []; o = out.append
o("import jdk.incubator.vector.*;")
o("final class VecMul {")
o("  static final VectorSpecies<Double> DS = DoubleVector.SPECIES_256;")
o("  static final VectorSpecies<Long> LS = LongVector.SPECIES_256;")
o("  static final long MASK = %dL;" % M)
o("  static final long[] K = {%s};" % ", ".join("%dL" % x for x in K))
o("  static final DoubleVector C1 = DoubleVector.broadcast(DS, 0x1p104), C1S = DoubleVector.broadcast(DS, 0x1.8p104), C2 = DoubleVector.broadcast(DS, 0x1.8p52), C3 = DoubleVector.broadcast(DS, 0x1p52);")
o("  static final LongVector C2B = LongVector.broadcast(LS, %dL), C3B = LongVector.broadcast(LS, 0x4330000000000000L), MASKV = LongVector.broadcast(LS, MASK);" % C2B)
o("  static final DoubleVector QINV = DoubleVector.broadcast(DS, %d.0);" % qinv)
for j in range(N):
    o("  static final DoubleVector Q%d = DoubleVector.broadcast(DS, %d.0);" % (j, qd[j]))
W_ = WAYS
args = ", ".join("double[] r%d, int r%do, double[] a%d, int a%do, double[] b%d, int b%do" % (w,w,w,w,w,w) for w in range(W_))
pass_ = ", ".join("r%d, r%do, a%d, a%do, b%d, b%do" % (w,w,w,w,w,w) for w in range(W_))
o("  /** t: %d longs of scratch. */" % (36 * W_))
o("  static void mul(%s, long[] t) {" % args)
for lo, hi in GROUPS:
    o("    cols%d(%s, t);" % (lo, pass_))
o("  }")
def prod(x, y, c1, acc, nxt):
    o("    { DoubleVector h = %s.fma(%s, %s); DoubleVector l = %s.fma(%s, %s.sub(h));" % (x, y, c1, x, y, c1))
    o("      %s = %s.add(l.add(C2).reinterpretAsLongs()); %s = %s.add(h.reinterpretAsLongs()); }" % (acc, acc, nxt, nxt))
for lo, hi in GROUPS:
    o("  private static void cols%d(%s, long[] t) {" % (lo, args))
    for w in range(W_):
        if lo == 0:
            o("    LongVector acc%d = LongVector.broadcast(LS, K[0]);" % w)
        else:
            o("    LongVector acc%d = LongVector.fromArray(LS, t, %d);" % (w, 36*w))
        o("    LongVector nxt%d;" % w)
    for k in range(lo, hi):
        for w in range(W_):
            o("    nxt%d = LongVector.broadcast(LS, K[%d]);" % (w, k+1))
        for i in range(N):
            j = k - i
            if 0 <= j < N:
                for w in range(W_):
                    o("    { DoubleVector x = DoubleVector.fromArray(DS, a%d, a%do + %d);" % (w, w, 4*i))
                    prod("x", "DoubleVector.fromArray(DS, b%d, b%do + %d)" % (w, w, 4*j), "C1", "acc%d" % w, "nxt%d" % w)
                    o("    }")
        for j in range(1, N):
            i = k - j
            if 0 <= i < N and i < k:
                for w in range(W_):
                    o("    { DoubleVector m = LongVector.fromArray(LS, t, %d).reinterpretAsDoubles();" % (36*w + 4 + 4*i))
                    prod("m", "Q%d" % j, "C1S", "acc%d" % w, "nxt%d" % w)
                    o("    }")
        if k < N:
            for w in range(W_):
                o("    { DoubleVector tl = acc%d.add(C2B).and(MASKV).or(C3B).reinterpretAsDoubles().sub(C3);" % w)
                o("      DoubleVector mh = tl.fma(QINV, C1); DoubleVector m = tl.fma(QINV, C1.sub(mh));")
                o("      m.reinterpretAsLongs().intoArray(t, %d);" % (36*w + 4 + 4*k))
                prod("m", "Q0", "C1S", "acc%d" % w, "nxt%d" % w)
                o("    }")
        else:
            for w in range(W_):
                o("    acc%d.and(MASKV).or(C3B).reinterpretAsDoubles().sub(C3).intoArray(r%d, r%do + %d);" % (w, w, w, 4*(k-8)))
        for w in range(W_):
            o("    acc%d = nxt%d.add(acc%d.lanewise(VectorOperators.ASHR, 52));" % (w, w, w))
    for w in range(W_):
        o("    acc%d.intoArray(t, %d);" % (w, 36*w))
    o("  }")
o("}")
src = "\n".join(x for x in out if x)
open("VecMul.java", "w").write(src + "\n")
