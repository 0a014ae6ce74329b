package io.filprover.api;

/** Optional PoRep features selected by the registered seal proof. */
public enum PoRepFeature {
    NONE,
    /** Synthetic PoRep (ids 10..14): challenges drawn from a synthetic-proofs set. */
    SYNTHETIC,
    /** Non-interactive PoRep (ids 15..19): challenges derived from comm_r alone. */
    NON_INTERACTIVE
}
