package io.snapsim.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.DefaultJoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when the application has none: warnings and errors on standard error,
 * nothing below. Without it, an application that depends on snapsim-runtime and has no logback file
 * (a user's JUnit tests, say) would get logback's fallback, everything at DEBUG on standard out:
 * Pekko, Slick, HikariCP and H2 print hundreds of lines per job.
 *
 * <p>Logback 1.5 runs the configurators registered in {@code META-INF/services} <em>before</em> it
 * looks for {@code logback-test.xml}, {@code logback.xml} or the {@code logback.configurationFile}
 * property, so this one first looks for them the way logback does and, when one exists, steps aside
 * and lets logback read it: the application's own file always wins.
 *
 * <p>Logback creates and calls it once, on the thread that first asks SLF4J for a logger.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class QuietLogbackConfigurator extends ContextAwareBase implements Configurator {
    /** The root level when the application configures nothing. */
    public static final Level DEFAULT_LEVEL = Level.WARN;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (applicationConfigures(context)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("snapsim-default-console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(DEFAULT_LEVEL);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether logback's own search (the system property, logback-test.xml, logback.xml) finds a file. */
    private static boolean applicationConfigures(LoggerContext context) {
        DefaultJoranConfigurator search = new DefaultJoranConfigurator();
        search.setContext(context);
        return search.findURLOfDefaultConfigurationFile(false) != null;
    }
}
