package io.filprover.scheduler;

/** Who called: the name and role of the token the call carried. */
public record Principal(String name, Role role) {
    @Override
    public String toString() {
        return role.label() + " " + name;
    }
}
