package io.snapsim.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import com.typesafe.config.Config;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapsim's quiet logging defaults apply when the application sets nothing, and yield when it does. */
class ActorSystemLoggingTest {
    private final ClassLoader testLoader = getClass().getClassLoader();

    @Test
    void withoutAnApplicationConfActorSystemsLogWarningsAndNoDeadLetters() {
        Config config = ActorSystemLogging.config(testLoader);

        assertThat(config.getString("pekko.loglevel")).isEqualTo("WARNING");
        assertThat(config.getString("pekko.log-dead-letters")).isEqualTo("off");
        assertThat(config.getBoolean("pekko.log-dead-letters-during-shutdown")).isFalse();
        assertThat(config.getString("pekko.actor.provider")).as("Pekko's reference.conf still underneath").isEqualTo("local");
    }

    @Test
    void anApplicationConfTurnsPekkoLoggingBackUp(@TempDir Path resources) throws Exception {
        Files.writeString(resources.resolve("application.conf"), "pekko { loglevel = DEBUG, log-dead-letters = 10 }\n");
        try (URLClassLoader withApplicationConf = new URLClassLoader(new URL[] {resources.toUri().toURL()}, testLoader)) {
            Config config = ActorSystemLogging.config(withApplicationConf);

            assertThat(config.getString("pekko.loglevel")).isEqualTo("DEBUG");
            assertThat(config.getInt("pekko.log-dead-letters")).isEqualTo(10);
            assertThat(config.getBoolean("pekko.log-dead-letters-during-shutdown")).as("not set by the application")
                    .isFalse();
        }
    }

    @Test
    void theLogbackConfiguratorStepsAsideForTheApplicationsLogbackFile() {
        // This module's tests have a logback-test.xml: logback must read it, not snapsim's default.
        LoggerContext context = new LoggerContext();
        QuietLogbackConfigurator configurator = new QuietLogbackConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
