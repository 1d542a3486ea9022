package io.inmesh.xds.ads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the client's threads through the agent's factory, named {@code mesh-xds-<role>-<n>} and
 * daemon whatever that factory did: the agent recognizes its own traffic by thread, and an xDS
 * client must never keep the app's JVM alive.
 */
public final class MeshThreads implements ThreadFactory {
  /** Every thread the client starts has a name beginning with this. */
  public static final String PREFIX = "mesh-xds-";

  private final ThreadFactory delegate;
  private final String role;
  private final AtomicInteger count = new AtomicInteger();

  public MeshThreads(ThreadFactory delegate, String role) {
    this.delegate = delegate;
    this.role = role;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = delegate.newThread(r);
    t.setName(PREFIX + role + "-" + count.getAndIncrement());
    t.setDaemon(true);
    return t;
  }
}
