/**
 * Curve arithmetic on flat Montgomery limbs (no objects per element or point), shared by the cpu
 * backend's MSM, the device backends' MSM host code and the Groth16 setup's fixed-base
 * multiplications: the coordinate fields as {@link io.filprover.bls12381.curve.flat.FieldOps} (Fq for
 * G1, Fq2 for G2), XYZZ points ({@link io.filprover.bls12381.curve.flat.XyzzOps}) and the bucket
 * method's windows ({@link io.filprover.bls12381.curve.flat.PippengerWindows}: signed digits, Horner). Affine points use the layout of
 * {@link io.filprover.bls12381.curve.PointLimbs}.
 */
package io.filprover.bls12381.curve.flat;
