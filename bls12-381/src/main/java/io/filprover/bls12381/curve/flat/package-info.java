/**
 * Curve arithmetic on flat Montgomery limbs (no objects per element or point), shared by the cpu
 * backend's MSM and the Groth16 setup's fixed-base multiplications: the coordinate fields as
 * {@link io.filprover.bls12381.curve.flat.FieldOps} (Fq for G1, Fq2 for G2) and XYZZ points
 * ({@link io.filprover.bls12381.curve.flat.XyzzOps}). Affine points use the layout of
 * {@link io.filprover.bls12381.curve.PointLimbs}.
 */
package io.filprover.bls12381.curve.flat;
