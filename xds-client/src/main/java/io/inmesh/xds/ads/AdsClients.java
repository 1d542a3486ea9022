package io.inmesh.xds.ads;

import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.XdsSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the ADS client on its own event loop and hands out a thread-safe {@link Handle}: every
 * call hops onto the loop, where the client's state lives.
 */
public final class AdsClients {
  private AdsClients() {}

  /** The outside of a running client; all methods are thread-safe and return at once. */
  public interface Handle {
    void start();

    void requestListener(String name, CompletableFuture<MeshSnapshot> future);

    void close();
  }

  public static Handle create(
      XdsSettings settings, ResourceDecoding decoder, SnapshotHolder holder) {
    ScheduledThreadPoolExecutor loop =
        new ScheduledThreadPoolExecutor(1, new MeshThreads(settings.threadFactory(), "loop"));
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    AdsClient client = new AdsClient(settings, loop, decoder, holder);
    AtomicBoolean started = new AtomicBoolean();
    return new Handle() {
      @Override
      public void start() {
        if (started.compareAndSet(false, true)) {
          loop.execute(guarded(settings, client::start));
        }
      }

      @Override
      public void requestListener(String name, CompletableFuture<MeshSnapshot> future) {
        loop.execute(guarded(settings, () -> client.requestListener(name, future)));
      }

      @Override
      public void close() {
        if (loop.isShutdown()) {
          return;
        }
        loop.execute(guarded(settings, client::close));
        loop.shutdown();
        try {
          loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private static Runnable guarded(XdsSettings settings, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | LinkageError e) {
        settings.log().accept("xDS: internal error: " + e);
      }
    };
  }
}
