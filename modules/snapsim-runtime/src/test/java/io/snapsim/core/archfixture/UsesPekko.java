package io.snapsim.core.archfixture;

import org.apache.pekko.actor.typed.ActorRef;

/** A planted violation for {@code ArchitectureTest}: a core class importing Pekko. */
public final class UsesPekko {
    ActorRef<String> ref;
}
