package io.inmesh.samples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs the demo starts, each with its output in a log file. {@link #stopAll()} stops each
 * process tree (children first), and runs from a shutdown hook as well, so an interrupted or
 * timed-out demo leaves nothing behind.
 */
final class ChildProcesses implements AutoCloseable {
  private final Path logDir;
  private final List<Child> children = new ArrayList<>();
  private final Thread hook = new Thread(this::stopAll, "demo-stop-children");
  private boolean stopped;

  /** One started process. */
  record Child(String name, Process process, Path log) {}

  ChildProcesses(Path logDir) {
    this.logDir = logDir;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized Child start(String name, List<String> command, Map<String, String> env)
      throws IOException {
    if (stopped) {
      // Stopping raced with a start (hard timeout): a process started now would be left behind.
      throw new IOException("not starting " + name + ": the demo is stopping");
    }
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.PIPE); // stdin closes with us: nothing waits on it
    pb.environment().putAll(env);
    Child child = new Child(name, pb.start(), log);
    children.add(child);
    return child;
  }

  synchronized List<Long> pids() {
    return children.stream().map(c -> c.process().pid()).toList();
  }

  /** The last {@code lines} lines of a child's log, for error messages. */
  static String tail(Child child, int lines) {
    try {
      List<String> all = Files.readAllLines(child.log(), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops every child and its descendants: politely first, forcibly after five seconds. */
  synchronized void stopAll() {
    stopped = true;
    List<ProcessHandle> all = new ArrayList<>();
    for (Child c : children) {
      c.process().descendants().forEach(all::add);
      all.add(c.process().toHandle());
    }
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      try {
        p.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("could not stop process " + p.pid());
      }
    }
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or ran
    }
  }
}
