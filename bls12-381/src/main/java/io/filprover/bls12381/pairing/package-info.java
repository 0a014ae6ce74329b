/**
 * Optimal-ate pairing on BLS12-381 with blst-compatible output values ({@link
 * io.filprover.bls12381.pairing.Pairing}).
 */
package io.filprover.bls12381.pairing;
