/**
 * Optimal-ate pairing on BLS12-381 with blst-compatible output values ({@link
 * io.filprover.cpu.pairing.Pairing}).
 */
package io.filprover.cpu.pairing;
