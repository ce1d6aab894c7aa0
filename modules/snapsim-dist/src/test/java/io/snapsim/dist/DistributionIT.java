package io.snapsim.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution tarball that {@code mvn package} builds runs on its own: unpacked into a
 * temporary folder, outside the source tree, with a PATH that holds java and nothing else (no
 * Maven, no build tools), {@code bin/snapsim} runs the shipped simulations and passes exit codes
 * through. Run by failsafe in the integration-test phase, after the package phase built the tarball.
 */
class DistributionIT {
    @TempDir
    static Path temp;

    /** The unpacked distribution, snapsim-VERSION/. */
    private static Path home;
    /** A PATH with only a link to the java running this test. */
    private static Path pathWithJavaOnly;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("snapsim.dist.tarball"));
        assertThat(tarball).as("built by the package phase").isRegularFile();
        Path unpacked = Files.createDirectories(temp.resolve("unpacked"));
        Run tar = run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), unpacked,
                Map.of("PATH", System.getenv("PATH")));
        assertThat(tar.exitCode()).as(tar.err()).isZero();
        home = unpacked.resolve(System.getProperty("snapsim.dist.name"));
        Path sourceTree = Path.of("").toAbsolutePath().getParent().getParent(); // failsafe runs in modules/snapsim-dist
        assertThat(home.toRealPath().startsWith(sourceTree.toRealPath())).as("%s lies in the source tree", home).isFalse();

        pathWithJavaOnly = Files.createDirectories(temp.resolve("path"));
        Files.createSymbolicLink(pathWithJavaOnly.resolve("java"), javaBinary());
    }

    @Test
    void holdsTheLauncherEveryJarAndTheShippedSimulations() throws IOException {
        assertThat(home.resolve("bin/snapsim")).isRegularFile().isExecutable();
        assertThat(home.resolve("README.txt")).isRegularFile();
        assertThat(home.resolve("NOTICE.txt")).isRegularFile();
        assertThat(fileNames(home.resolve("lib")))
                .anyMatch(name -> name.startsWith("snapsim-cli-"))
                .anyMatch(name -> name.startsWith("snapsim-runtime-"))
                .anyMatch(name -> name.startsWith("snapsim-rocksdb-"))
                .anyMatch(name -> name.startsWith("snapsim-report-"))
                .anyMatch(name -> name.startsWith("rocksdbjni-"))
                .anyMatch(name -> name.startsWith("pekko-actor-typed_2.13-"))
                .anyMatch(name -> name.startsWith("logback-classic-"))
                .allMatch(name -> name.endsWith(".jar"))
                .noneMatch(name -> name.startsWith("junit-") || name.startsWith("assertj-"));
        assertThat(fileNames(home.resolve("simulations")))
                .contains("wordcount-crash-between-checkpoints.yaml", "wordcount-sweep.yaml", "lessons");
        assertThat(fileNames(home.resolve("simulations/lessons"))).contains("02-alignment.yaml", "09-fifo-channels.yaml");
    }

    @Test
    void printsItsVersionWithOnlyJavaOnThePath() throws Exception {
        assertThat(List.of(pathWithJavaOnly.toFile().list())).as("the PATH the launcher gets").containsExactly("java");

        Run version = snapsim(home, Map.of(), "--version");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("snapsim 0.1.0\n");
        assertThat(version.err()).isEmpty();
    }

    @Test
    void runsAShippedSimulationFromTheUnpackedFolderToAValidVerdict() throws Exception {
        Path reports = temp.resolve("reports");

        Run run = snapsim(home, Map.of(), "run", "simulations/wordcount-crash-between-checkpoints.yaml",
                "--reports", reports.toString());

        assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s", run.out(), run.err()).isZero();
        assertThat(run.out().lines()).anyMatch(line -> line.startsWith("verdict:     VALID (expected equivalent)"));
        assertThat(run.err()).as("stderr").isEmpty();
        assertThat(reports.resolve("wordcount-crash-between-checkpoints")).isDirectory();
    }

    @Test
    void printsCommandsThatStartWithItsOwnLauncher() throws Exception {
        Run run = snapsim(home, Map.of(), "run", "simulations/retain-on-cancellation.yaml",
                "--reports", temp.resolve("retained").toString());

        assertThat(run.exitCode()).as("stdout:%n%s", run.out()).isZero();
        assertThat(run.out().lines()).anyMatch(line -> line.startsWith(
                "resume with: bin/snapsim run simulations/retain-on-cancellation.yaml -s "));
    }

    @Test
    void exitsWith2OnABadSimulationFile() throws Exception {
        Path bad = temp.resolve("bad.yaml");
        Files.writeString(bad, "jobb: wordcount\n");

        Run run = snapsim(temp, Map.of(), "run", bad.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("snapsim: ").contains("jobb");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void usesJavaHomeAndSnapsimJavaOpts() throws Exception {
        Path emptyPath = Files.createDirectories(temp.resolve("empty-path"));

        Run run = snapsim(temp, Map.of("PATH", emptyPath.toString(),
                "JAVA_HOME", javaBinary().getParent().getParent().toString(),
                "SNAPSIM_JAVA_OPTS", "-Xmx96m -XX:+PrintCommandLineFlags"), "--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("-XX:MaxHeapSize=100663296").endsWith("snapsim 0.1.0\n");
    }

    @Test
    void runsThroughASymbolicLinkToTheLauncher() throws Exception {
        Path links = Files.createDirectories(temp.resolve("links"));
        Files.createSymbolicLink(links.resolve("snapsim"), home.resolve("bin/snapsim"));
        Path pathWithReadlink = Files.createDirectories(temp.resolve("path-readlink"));
        Files.createSymbolicLink(pathWithReadlink.resolve("java"), javaBinary());
        Files.createSymbolicLink(pathWithReadlink.resolve("readlink"), onThisPath("readlink"));

        Run run = run(List.of(links.resolve("snapsim").toString(), "--version"), temp,
                Map.of("PATH", pathWithReadlink.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("snapsim 0.1.0\n");
    }

    /** Runs {@code bin/snapsim} in {@code workingDir} with PATH = java only, plus {@code environment}. */
    private Run snapsim(Path workingDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/snapsim").toString());
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("PATH", pathWithJavaOnly.toString()));
        env.putAll(environment);
        return run(command, workingDir, env);
    }

    /** Runs a command with exactly {@code environment} (nothing inherited: no JAVA_HOME, no MAVEN_*). */
    private static Run run(List<String> command, Path workingDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("HOME", temp.toString());
        Path out = Files.createTempFile(temp, "stdout", ".txt");
        Path err = Files.createTempFile(temp, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s ended within 3 minutes", command).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Where {@code program} is on the PATH this test runs with. */
    private static Path onThisPath(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(program + " is not on the PATH"));
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
