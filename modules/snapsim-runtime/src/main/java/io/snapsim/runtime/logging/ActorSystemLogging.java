package io.snapsim.runtime.logging;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.slf4j.LoggerFactory;

/**
 * How the actor systems that snapsim-runtime creates log: quietly unless the application asks for
 * more. Called by {@code JobRunner} and {@code DeterministicRuntime} just before they create an actor
 * system, from the thread that creates it.
 */
public final class ActorSystemLogging {
    /** The block of this module's reference.conf that holds the quiet Pekko settings. */
    static final String QUIET_DEFAULTS = "snapsim.runtime.quiet-actor-system";

    private ActorSystemLogging() {
    }

    /**
     * The configuration an actor system starts from: system properties, over the application's
     * {@code application.conf}, over snapsim's quiet Pekko settings ({@value #QUIET_DEFAULTS}: log
     * level WARNING, no dead-letter messages), over every library's {@code reference.conf}. Pekko's
     * own reference.conf logs at INFO and reports dead letters; snapsim's settings cannot simply
     * override it in reference.conf, because which reference.conf wins depends on the order of the
     * jars on the classpath.
     */
    public static Config config(ClassLoader loader) {
        Config quiet = ConfigFactory.defaultReference(loader).getConfig(QUIET_DEFAULTS);
        return ConfigFactory.load(loader, ConfigFactory.defaultApplication(loader).withFallback(quiet));
    }

    /**
     * Binds SLF4J to its logging backend now. SLF4J binds on first use; calls made from other threads
     * while it binds are recorded and replayed, with a three-line {@code SLF4J(W)} warning on standard
     * error. A starting actor system logs from several threads at once, so bind before it starts.
     */
    public static void bindSlf4j() {
        LoggerFactory.getILoggerFactory();
    }
}
