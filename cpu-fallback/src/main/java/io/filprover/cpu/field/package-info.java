/**
 * Prime fields of BLS12-381. The base-field tower lives in the Fq* classes: {@link
 * io.filprover.cpu.field.FqOps} (allocation-free Montgomery kernels on 6 × 64-bit limbs, the blst_fp
 * layout), the immutable {@link io.filprover.cpu.field.Fq}, and the extensions Fq2 = Fq[u]/(u² + 1),
 * Fq6 = Fq2[v]/(v³ − (u + 1)), Fq12 = Fq6[w]/(w² − v) as in blst/blstrs/zkcrypto.
 */
package io.filprover.cpu.field;
