package io.inmesh.it.http;

import io.inmesh.it.ForkedJvm;
import io.inmesh.it.Jdk;
import io.inmesh.it.apps.http.DriverCall;
import io.inmesh.it.apps.http.DriverReply;
import io.inmesh.it.apps.http.RepeatSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A forked client app (see {@link io.inmesh.it.apps.http.ClientAppLoop}) kept running across calls,
 * with the real {@code -javaagent:mesh.jar}: the test sends it commands on stdin and reads one
 * answer line per command. Its stderr is kept for failure messages.
 */
public final class ClientProcess implements AutoCloseable {
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();
  private final List<String> command;

  private ClientProcess(List<String> command, Map<String, String> env) throws IOException {
    this.command = command;
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(ClientProcess::isInherited);
    builder.environment().putAll(env);
    process = builder.start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pump(new BufferedReader(new InputStreamReader(process.getInputStream(), UTF8)), true);
    pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF8)), false);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** How to start one; {@link #start()} waits for the app's {@code READY}. */
  public static Builder builder(Jdk jdk, String mainClass) {
    return new Builder(jdk, mainClass);
  }

  /** Options of a client process. */
  public static final class Builder {
    private final Jdk jdk;
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean agent = true;
    private String awaitLog;

    private Builder(Jdk jdk, String mainClass) {
      this.jdk = jdk;
      this.mainClass = mainClass;
    }

    public Builder args(String... values) {
      args.addAll(List.of(values));
      return this;
    }

    public Builder args(List<String> values) {
      args.addAll(values);
      return this;
    }

    public Builder classpath(List<Path> entries) {
      classpath.addAll(entries);
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Waits in {@link #start()} until the app's stderr has a line containing {@code text}. */
    public Builder awaitLog(String text) {
      awaitLog = text;
      return this;
    }

    /** Runs the app without the agent (for baselines). */
    public Builder withoutAgent() {
      agent = false;
      return this;
    }

    public ClientProcess start() throws IOException, InterruptedException {
      ForkedJvm jvm = ForkedJvm.app(jdk, mainClass);
      if (agent) {
        jvm.withMeshAgent();
      }
      jvmArgs.forEach(jvm::jvmArg);
      jvm.classpath(classpath.toArray(Path[]::new));
      jvm.args(args.toArray(String[]::new));
      ClientProcess p = new ClientProcess(jvm.command(), env);
      p.awaitLine("READY", 30);
      if (awaitLog != null) {
        p.awaitStderr(awaitLog, 30);
      }
      return p;
    }
  }

  /** Makes one call in the app and returns what the app saw. */
  public DriverReply call(DriverCall call) throws IOException, InterruptedException {
    String line = send("CALL " + call.encode(), "REPLY ", 60);
    return DriverReply.decode(line.substring("REPLY ".length()));
  }

  /** Makes {@code call} {@code n} times from {@code concurrency} app threads. */
  public RepeatSummary repeat(int n, int concurrency, DriverCall call)
      throws IOException, InterruptedException {
    String line = send("REPEAT " + n + " " + concurrency + " " + call.encode(), "SUMMARY ", 120);
    return RepeatSummary.decode(line.substring("SUMMARY ".length()));
  }

  /** What the app and the agent wrote on stderr so far, without the per-class debug lines. */
  public String stderr() {
    return String.join(
        "\n", stderr.toString().lines().filter(l -> !l.contains("DEBUG transformed ")).toList());
  }

  private synchronized String send(String command, String expect, long timeoutSeconds)
      throws IOException, InterruptedException {
    stdin.write(command);
    stdin.write('\n');
    stdin.flush();
    return awaitLine(expect, timeoutSeconds);
  }

  private String awaitLine(String prefix, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (; ; ) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError(
            "client app gave no '"
                + prefix.trim()
                + "' within "
                + timeoutSeconds
                + " s (alive="
                + process.isAlive()
                + "): "
                + String.join(" ", command)
                + "\nstderr:\n"
                + stderr);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  private void awaitStderr(String text, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (stderr.indexOf(text) < 0) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError(
            "client app never logged '" + text + "' (alive=" + process.isAlive() + "):\n" + stderr);
      }
      Thread.sleep(20);
    }
  }

  private void pump(BufferedReader reader, boolean out) {
    Thread t =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (out) {
                    lines.add(line);
                  } else {
                    stderr.append(line).append('\n');
                  }
                }
              } catch (IOException ignored) {
                // The process ended.
              }
            },
            "client-app-" + (out ? "out" : "err"));
    t.setDaemon(true);
    t.start();
  }

  private static boolean isInherited(String name) {
    return name.startsWith("MESH_")
        || name.startsWith("OTEL_")
        || name.equals("JAVA_TOOL_OPTIONS")
        || name.equals("JDK_JAVA_OPTIONS")
        || name.equals("_JAVA_OPTIONS");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stdin.write("EXIT\n");
      stdin.flush();
    } catch (IOException ignored) {
      // Already gone.
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
