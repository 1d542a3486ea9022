package io.inmesh.bootstrap;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks the agent's own work so that no hook ever steers it: the xDS connection, telemetry export
 * and any DNS lookup or connect the agent makes must go where the agent meant, not through the
 * mesh.
 *
 * <p>Two marks, both checked by {@link #isBypassed()}, which every bridge must call first:
 *
 * <ul>
 *   <li>threads created by {@link #newThread} or {@link #factory} belong to the agent's {@link
 *       ThreadGroup}; threads they create inherit it (Netty event loops started by the xDS client,
 *       for example), so pass {@link #factory} to every executor the agent builds;
 *   <li>{@link #enterBypass()}/{@link #exitBypass()} mark a section of agent code that runs on an
 *       application thread.
 * </ul>
 */
public final class AgentThreads {
  private static final ThreadGroup GROUP = new ThreadGroup("inmesh");
  private static final CallDepth BYPASS = new CallDepth();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private AgentThreads() {}

  /** A daemon agent thread named {@code inmesh-<name>}; not started. */
  public static Thread newThread(Runnable task, String name) {
    Thread thread = new Thread(GROUP, task, "inmesh-" + name);
    thread.setDaemon(true);
    // Our threads must not keep the application's context loader alive or hand it to libraries.
    thread.setContextClassLoader(null);
    return thread;
  }

  /** A factory of daemon agent threads named {@code inmesh-<prefix>-<n>}. */
  public static ThreadFactory factory(String prefix) {
    return new ThreadFactory() {
      @Override
      public Thread newThread(Runnable task) {
        return AgentThreads.newThread(task, prefix + '-' + COUNTER.incrementAndGet());
      }
    };
  }

  /** True on a thread the agent created (directly or from one of its threads). */
  public static boolean isAgentThread() {
    return Thread.currentThread().getThreadGroup() == GROUP;
  }

  /** True when hooks must let the current call through untouched. Cheap: call it first. */
  public static boolean isBypassed() {
    return isAgentThread() || BYPASS.current() > 0;
  }

  /** Starts a section of agent code on an application thread; pair with {@link #exitBypass()}. */
  public static void enterBypass() {
    BYPASS.enter();
  }

  /** Ends a section started by {@link #enterBypass()}. */
  public static void exitBypass() {
    BYPASS.exit();
  }
}
