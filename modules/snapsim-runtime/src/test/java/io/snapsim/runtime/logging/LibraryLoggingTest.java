package io.snapsim.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that depends on snapsim-runtime and runs jobs (in its own JUnit tests, say) gets quiet
 * logging without configuring anything, and its own logback file and application.conf still turn
 * logging up. Each case runs {@link LibraryUserJob} in a fresh JVM on the runtime's classpath
 * without this module's test resources, since logging is set up once per JVM.
 */
class LibraryLoggingTest {
    private static final String USER_LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>USER %level %logger - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    @TempDir
    Path dir;

    @Test
    void aJobRunWithoutAnyLoggingConfigurationPrintsOnlyTheUsersOwnOutput() throws Exception {
        Run run = runJob(List.of());

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        List<String> noise = Stream.concat(run.out().lines(), run.err().lines())
                .filter(line -> line.contains("DEBUG") || line.contains("INFO") || line.contains("SLF4J")
                        || line.toLowerCase().contains("dead letter") || line.contains("not delivered"))
                .toList();
        assertThat(noise.size()).as("DEBUG, INFO, dead-letter and SLF4J lines printed, the first: %s",
                noise.stream().limit(3).toList()).isZero();
        assertThat(run.out().lines().limit(5)).as("stdout").containsExactly("job: FINISHED");
        assertThat(run.err()).as("stderr").isEmpty();
    }

    @Test
    void aUsersLogbackTestXmlAndApplicationConfTurnLoggingBackUp() throws Exception {
        Path userResources = Files.createDirectories(dir.resolve("user-resources"));
        Files.writeString(userResources.resolve("logback-test.xml"), USER_LOGBACK);
        Files.writeString(userResources.resolve("application.conf"), "pekko.loglevel = \"INFO\"\n");

        Run run = runJob(List.of(userResources));

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(run.out().lines()).as("the user's logback-test.xml formats the user's own INFO line")
                .contains("USER INFO " + LibraryUserJob.class.getName() + " - user code: the job ended FINISHED")
                .as("the user's application.conf lets Pekko's INFO through")
                .anyMatch(line -> line.startsWith("USER INFO org.apache.pekko.") && line.contains("Slf4jLogger started"))
                .contains("job: FINISHED");
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs the job in a new JVM: the runtime and its dependencies, the job's classes, then {@code extra}. */
    private Run runJob(List<Path> extra) throws IOException, InterruptedException {
        List<Path> classpath = new ArrayList<>(runtimeClasspath());
        classpath.add(jobClasses());
        classpath.addAll(extra);
        if (extra.isEmpty()) {
            try (URLClassLoader loader = new URLClassLoader(urls(classpath), ClassLoader.getPlatformClassLoader())) {
                assertThat(Stream.of("logback.xml", "logback-test.xml", "application.conf").map(loader::getResource))
                        .as("no logging or application configuration on the job's classpath").containsOnlyNulls();
            }
        }
        Path work = Files.createDirectories(dir.resolve("work-" + extra.size()));
        Path out = dir.resolve("stdout-" + extra.size() + ".txt");
        Path err = dir.resolve("stderr-" + extra.size() + ".txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                LibraryUserJob.class.getName(), work.toString())
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the job's JVM ended within 3 minutes").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** This module's test classpath without its test classes and test resources (logback-test.xml). */
    private static List<Path> runtimeClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .filter(entry -> !entry.endsWith("test-classes"))
                .toList();
    }

    /** A folder holding only {@link LibraryUserJob}'s class files. */
    private Path jobClasses() throws IOException {
        String name = LibraryUserJob.class.getName().replace('.', '/');
        Path compiled = Path.of(LibraryUserJob.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path target = Files.createDirectories(dir.resolve("job-classes").resolve(name).getParent());
        try (Stream<Path> files = Files.list(compiled.resolve(name).getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(LibraryUserJob.class.getSimpleName()))
                    .toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve("job-classes");
    }

    private static URL[] urls(List<Path> classpath) throws IOException {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classpath.get(i).toUri().toURL();
        }
        return urls;
    }
}
