package io.inmesh.instrumentation.apache5;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * Where async mesh calls wait: fault delays, back-offs and attempt timeouts run on one daemon
 * thread, never on the client's I/O reactor threads, which must not sleep. The work it runs is
 * short (starting an attempt is non-blocking; a local reply is handed to the app's consumer).
 *
 * <p>Not an agent thread on purpose: a mesh call the app makes from a callback that runs here is
 * planned like any other.
 */
final class AsyncScheduler {
  static final ScheduledThreadPoolExecutor EXECUTOR = create();

  private AsyncScheduler() {}

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, new Daemon());
    // Attempt timeouts are cancelled on almost every call: do not keep them queued.
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  private static final class Daemon implements ThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      Thread t = new Thread(task, "inmesh-apache5-async");
      t.setDaemon(true);
      return t;
    }
  }
}
