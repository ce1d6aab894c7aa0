package io.snapsim.runtime.archfixture.one;

import io.snapsim.runtime.archfixture.two.Two;

/** A planted cycle for {@code ArchitectureTest}: one → two → one. */
public final class One {
    Two next;
}
