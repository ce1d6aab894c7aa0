package io.snapsim.runtime.archfixture.two;

import io.snapsim.runtime.archfixture.one.One;

/** A planted cycle for {@code ArchitectureTest}: two → one → two. */
public final class Two {
    One next;
}
