package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;

/**
 * storage-proofs-core gadgets/encode.rs: SDR's encoding is field addition, replica = key + data.
 * {@code encode} is {@code constraint::add} under "encode_add": one allocated sum "add_num" and one
 * "sum constraint" (a + b)·1 = sum.
 */
public final class Encode {
    private Encode() {
    }

    public static AllocatedNum<Fr> encode(ConstraintSystem<Fr> cs, AllocatedNum<Fr> key, AllocatedNum<Fr> value) {
        return cs.namespace("encode_add", ns -> add(ns, key, value));
    }

    /** decode: data = replica − key (constraint::sub under "decode_sub"). */
    public static AllocatedNum<Fr> decode(ConstraintSystem<Fr> cs, AllocatedNum<Fr> key, AllocatedNum<Fr> value) {
        return cs.namespace("decode_sub", ns -> {
            AllocatedNum<Fr> res = AllocatedNum.alloc(ns, "sub_num", () -> value.requireValue().sub(key.requireValue()));
            // (res + key)·1 = value, as constraint::difference
            ns.enforce("subtraction constraint", ns.lc().add(res.variable()).add(key.variable()), ns.lc().add(ns.one()),
                    ns.lc().add(value.variable()));
            return res;
        });
    }

    private static AllocatedNum<Fr> add(ConstraintSystem<Fr> cs, AllocatedNum<Fr> a, AllocatedNum<Fr> b) {
        AllocatedNum<Fr> res = AllocatedNum.alloc(cs, "add_num", () -> a.requireValue().add(b.requireValue()));
        cs.enforce("sum constraint", cs.lc().add(a.variable()).add(b.variable()), cs.lc().add(cs.one()),
                cs.lc().add(res.variable()));
        return res;
    }
}
