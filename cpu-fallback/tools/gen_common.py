"""Shared by the kernel generators in this directory."""


def tree(terms):
    """A balanced sum: independent partial sums the CPU overlaps, instead of one serial chain."""
    while len(terms) > 1:
        terms = [f"({terms[i]} + {terms[i + 1]})" for i in range(0, len(terms) - 1, 2)] + \
                ([terms[-1]] if len(terms) % 2 else [])
    return terms[0]
