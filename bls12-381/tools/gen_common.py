"""Shared by the kernel generators in this directory."""


def tree(terms):
    """A balanced sum: independent partial sums the CPU overlaps, instead of one serial chain."""
    while len(terms) > 1:
        terms = [f"({terms[i]} + {terms[i + 1]})" for i in range(0, len(terms) - 1, 2)] + \
                ([terms[-1]] if len(terms) % 2 else [])
    return terms[0]


M = 'M56'


def xdigits(v):
    """The seven 56-bit digits of (limbs << 8), limbs named v0..v5: the pre-shifted factor."""
    return [f"(({v}0 << 8)) & {M}", f"(({v}0 >>> 48) | ({v}1 << 16)) & {M}", f"(({v}1 >>> 40) | ({v}2 << 24)) & {M}",
            f"(({v}2 >>> 32) | ({v}3 << 32)) & {M}", f"(({v}3 >>> 24) | ({v}4 << 40)) & {M}",
            f"(({v}4 >>> 16) | ({v}5 << 48)) & {M}", f"(({v}5 >>> 8)) & {M}"]


def ydigits(v):
    """The seven 56-bit digits of limbs v0..v5."""
    return [f"({v}0) & {M}", f"(({v}0 >>> 56) | ({v}1 << 8)) & {M}", f"(({v}1 >>> 48) | ({v}2 << 16)) & {M}",
            f"(({v}2 >>> 40) | ({v}3 << 24)) & {M}", f"(({v}3 >>> 32) | ({v}4 << 32)) & {M}",
            f"(({v}4 >>> 24) | ({v}5 << 40)) & {M}", f"(({v}5 >>> 16)) & {M}"]
