package io.inmesh.instrumentation.api;

/**
 * A hook woven into one bootstrap class before {@code main}, by hand and without ByteBuddy.
 *
 * <p>For the rare class the agent cannot hold back: everything else is hooked in the background
 * while the first load of a hooked class waits (see {@link TypeInstrumentation#typeNames()}), but
 * the agent's own start-up loads {@code java.net.InetAddress} (ByteBuddy reflects on JDK methods
 * that take one), so the DNS hook must be in place before that, and it must cost next to nothing
 * because it runs on the application's main thread.
 */
public interface PremainTransformer {
  /** Binary name of the one bootstrap class this transforms. */
  String typeName();

  /**
   * The transformed class file, or null to leave the class as it is (nothing to hook in this JDK's
   * version of it). Only adds code to existing methods: the class may already be loaded and then is
   * retransformed. Must not load classes.
   */
  byte[] transform(byte[] classFile);
}
