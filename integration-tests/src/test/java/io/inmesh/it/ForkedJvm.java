package io.inmesh.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a small app in a fresh JVM, with or without {@code -javaagent:mesh.jar}, and returns its
 * exit code and output. The environment is the parent's minus every {@code MESH_*}, {@code OTEL_*}
 * and {@code JAVA_TOOL_OPTIONS} variable, so only what a test sets reaches the app.
 *
 * <pre>{@code
 * ForkedJvm.Result r = ForkedJvm.app(jdk, "io.inmesh.it.apps.HelloApp").withMeshAgent()
 *     .env("MESH_LOG", "debug").run();
 * }</pre>
 */
public final class ForkedJvm {
  private final Jdk jdk;
  private final String mainClass;
  private final List<String> agents = new ArrayList<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> classpath = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private long timeoutSeconds = 60;

  private ForkedJvm(Jdk jdk, String mainClass) {
    this.jdk = jdk;
    this.mainClass = mainClass;
    classpath.add(appClasses().toString());
  }

  /** An app from this module's main classes ({@code io.inmesh.it.apps}). */
  public static ForkedJvm app(Jdk jdk, String mainClass) {
    return new ForkedJvm(jdk, mainClass);
  }

  /** agent/target/mesh.jar, as passed by the build. */
  public static Path meshJar() {
    return requiredPath("inmesh.it.meshJar");
  }

  /** The compiled test apps. */
  public static Path appClasses() {
    return requiredPath("inmesh.it.appClasses");
  }

  /** A file or directory the build placed and passed as a system property. */
  public static Path requiredPath(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("-D" + property + " is not set; run through Maven");
    }
    Path path = Paths.get(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(path + " does not exist; build it first (./mvnw -B package)");
    }
    return path;
  }

  public ForkedJvm withMeshAgent() {
    return withAgent(meshJar());
  }

  /** Adds a {@code -javaagent}; agents load in the order added. */
  public ForkedJvm withAgent(Path jar) {
    agents.add("-javaagent:" + jar);
    return this;
  }

  public ForkedJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Sets a system property of the app, e.g. {@code sysProp("mesh.log", "debug")}. */
  public ForkedJvm sysProp(String name, String value) {
    return jvmArg("-D" + name + "=" + value);
  }

  public ForkedJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Adds jars or directories to the app's class path, after the test apps. */
  public ForkedJvm classpath(Path... entries) {
    for (Path entry : entries) {
      classpath.add(entry.toString());
    }
    return this;
  }

  public ForkedJvm args(String... appArgs) {
    args.addAll(List.of(appArgs));
    return this;
  }

  public ForkedJvm timeoutSeconds(long seconds) {
    timeoutSeconds = seconds;
    return this;
  }

  /** The full command line, for messages. */
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    command.addAll(agents);
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** Runs the app to completion (killed after the timeout). */
  public Result run() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("forked-jvm");
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder(command());
    builder.environment().keySet().removeIf(ForkedJvm::isInherited);
    builder.environment().putAll(env);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "timed out after " + timeoutSeconds + " s: " + command() + "\nstderr:\n" + read(err));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Result result = new Result(process.exitValue(), read(out), read(err), millis, command());
    Files.delete(out);
    Files.delete(err);
    Files.delete(dir);
    return result;
  }

  private static boolean isInherited(String name) {
    return name.startsWith("MESH_")
        || name.startsWith("OTEL_")
        || name.equals("JAVA_TOOL_OPTIONS")
        || name.equals("JDK_JAVA_OPTIONS")
        || name.equals("_JAVA_OPTIONS");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** What the forked JVM did. */
  public record Result(
      int exitCode, String stdout, String stderr, long millis, List<String> command) {
    /** stderr lines written by the agent ({@code [mesh] ...}). */
    public List<String> meshLines() {
      return stderr.lines().filter(line -> line.startsWith("[mesh] ")).toList();
    }

    /**
     * stderr without the agent's lines and the JVM's own note that appending to the boot class path
     * limits class-data sharing (any agent with a bootstrap bridge causes it).
     */
    public String appStderr() {
      return String.join(
          "\n",
          stderr
              .lines()
              .filter(line -> !line.startsWith("[mesh] "))
              .filter(line -> !line.contains("Sharing is only supported for boot loader classes"))
              .toList());
    }

    @Override
    public String toString() {
      return "exit "
          + exitCode
          + " after "
          + millis
          + " ms of "
          + String.join(" ", command)
          + "\n--- stdout\n"
          + stdout
          + "--- stderr\n"
          + stderr;
    }
  }
}
