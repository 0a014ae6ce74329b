/*
 * tree.cl: one level of a Merkle tree whose levels stay on the device (see docs/gpu.md).
 * Appended after filprover.cl (it uses sha256_trunc254 and poseidon_hash from there).
 *
 * One buffer holds the leaves followed by every level above them, 32-byte nodes: a launch hashes
 * the count parents of one level, reading their children from node in_node on and writing the
 * parents from node out_node on (disjoint ranges of the same buffer). The host launches the levels
 * in order on one in-order queue / stream, so each level reads what the one before wrote.
 *
 * Kernels:
 *   sha256_tree_level         parent i = sha256_trunc254(children 2i, 2i + 1)
 *   poseidon_tree_a{2,4,8,11}  parent i = Poseidon of children arity*i .. arity*i + arity - 1
 */

KERNEL void sha256_tree_level(GLOBAL u8 *buf, u32 in_node, u32 out_node, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  sha256_trunc254(buf + 32 * ((u64)in_node + 2 * gid), buf + 32 * ((u64)out_node + gid));
}

KERNEL void poseidon_tree_a2(GLOBAL const u32 *consts, GLOBAL u32 *buf, u32 in_node, u32 out_node, u32 count,
                             u32 partial_rounds) {
  poseidon_hash(consts, buf + 8 * (u64)in_node, buf + 8 * (u64)out_node, count, partial_rounds, 3);
}

KERNEL void poseidon_tree_a4(GLOBAL const u32 *consts, GLOBAL u32 *buf, u32 in_node, u32 out_node, u32 count,
                             u32 partial_rounds) {
  poseidon_hash(consts, buf + 8 * (u64)in_node, buf + 8 * (u64)out_node, count, partial_rounds, 5);
}

KERNEL void poseidon_tree_a8(GLOBAL const u32 *consts, GLOBAL u32 *buf, u32 in_node, u32 out_node, u32 count,
                             u32 partial_rounds) {
  poseidon_hash(consts, buf + 8 * (u64)in_node, buf + 8 * (u64)out_node, count, partial_rounds, 9);
}

KERNEL void poseidon_tree_a11(GLOBAL const u32 *consts, GLOBAL u32 *buf, u32 in_node, u32 out_node, u32 count,
                              u32 partial_rounds) {
  poseidon_hash(consts, buf + 8 * (u64)in_node, buf + 8 * (u64)out_node, count, partial_rounds, 12);
}
