/**
 * BLS12-381 groups G1 (over Fq) and G2 (over Fq2, M-type twist): affine and Jacobian arithmetic shared
 * through {@link io.filprover.bls12381.curve.JacobianPoint}, scalar multiplication (wNAF; GLV on G1),
 * endomorphism-based subgroup checks, and the zcash/blst point encodings ({@link
 * io.filprover.bls12381.curve.PointCodec}).
 */
package io.filprover.bls12381.curve;
