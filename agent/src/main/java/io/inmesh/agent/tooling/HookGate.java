package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.instrumentation.api.PremainTransformer;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The agent's one class-file transformer, registered before {@code main}: it lets the hooks be
 * built in the background without letting any hooked class be defined unhooked in the meantime.
 *
 * <ul>
 *   <li>A class no hook names (nearly every class the application loads) costs one set lookup.
 *   <li>A {@link PremainTransformer}'s bootstrap class is woven by it, at once.
 *   <li>A class a hook names goes to ByteBuddy's transformer; until that is built and the hooks'
 *       bridges are installed, the loading thread waits, so an application that connects, or
 *       creates an {@code OkHttpClient}, while the agent is still starting gets the hooked class,
 *       not a class that bypasses the mesh for the rest of its life. The agent's own threads never
 *       wait (ByteBuddy may load such a class itself); classes they load early are retransformed
 *       once the hooks are ready.
 * </ul>
 */
final class HookGate implements ClassFileTransformer {
  private final Map<String, PremainTransformer> premain;
  private final Set<String> hooked;
  private final Consumer<String> onPremainTransformed;
  private final long maxWaitMillis;
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicBoolean warnedLate = new AtomicBoolean();
  private volatile ClassFileTransformer hooks;

  /**
   * @param premain internal class name → its premain transformer
   * @param hooked internal names of the classes ByteBuddy's transformer is for
   * @param onPremainTransformed told the binary name of each class a premain transformer changed
   * @param maxWaitMillis how long a loading thread waits for the hooks before it goes on unhooked
   */
  HookGate(
      Map<String, PremainTransformer> premain,
      Set<String> hooked,
      Consumer<String> onPremainTransformed,
      long maxWaitMillis) {
    this.premain = Map.copyOf(premain);
    this.hooked = Set.copyOf(hooked);
    this.onPremainTransformed = onPremainTransformed;
    this.maxWaitMillis = maxWaitMillis;
  }

  /**
   * Hands over ByteBuddy's transformer: from now on the agent's own threads (retransforming what
   * was loaded meanwhile) get hooked classes; the application's threads still wait for {@link
   * #release}.
   */
  void open(ClassFileTransformer transformer) {
    hooks = transformer;
  }

  /**
   * Lets the application's threads through, once the bridges behind the hooks are installed too: a
   * class hooked before its bridge would pass its first calls through (a connect to a virtual
   * address would fail).
   */
  void release() {
    released.countDown();
  }

  /** Whether {@code internalName} is a class ByteBuddy's transformer is for. */
  boolean isHooked(String internalName) {
    return hooked.contains(internalName);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile) {
    if (className == null) {
      return null;
    }
    try {
      byte[] woven = null;
      if (loader == null) {
        PremainTransformer early = premain.get(className);
        if (early != null) {
          woven = weave(early, classFile);
        }
      }
      if (!hooked.contains(className)) {
        return woven;
      }
      if (released.getCount() != 0) {
        awaitRelease(className);
      }
      ClassFileTransformer current = hooks;
      if (current == null) {
        return woven;
      }
      byte[] input = woven == null ? classFile : woven;
      byte[] advised =
          advise(current, module, loader, className, classBeingRedefined, domain, input);
      return advised == null ? woven : advised;
    } catch (Throwable t) {
      // Whatever goes wrong, the class is defined as it was: the application runs unhooked.
      MeshLog.warn("could not instrument " + className.replace('/', '.') + ": " + t, t);
      return null;
    }
  }

  private byte[] weave(PremainTransformer early, byte[] classFile) {
    byte[] woven = early.transform(classFile);
    if (woven != null) {
      onPremainTransformed.accept(early.typeName());
    }
    return woven;
  }

  private static byte[] advise(
      ClassFileTransformer hooks,
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile) {
    try {
      return hooks.transform(module, loader, className, classBeingRedefined, domain, classFile);
    } catch (Throwable t) {
      // ByteBuddy's listener has reported the cause; the class keeps what was woven before.
      MeshLog.debug("ByteBuddy gave up on " + className.replace('/', '.') + ": " + t);
      return null;
    }
  }

  private void awaitRelease(String className) throws InterruptedException {
    if (AgentThreads.isBypassed()
        || released.await(maxWaitMillis, TimeUnit.MILLISECONDS)
        || !warnedLate.compareAndSet(false, true)) {
      return;
    }
    // Waiting longer helps no one: let every thread through, hooked or not, from now on.
    release();
    MeshLog.warn(
        "hooks not ready after "
            + maxWaitMillis
            + " ms; the application goes on, and the classes it loads meanwhile (first "
            + className.replace('/', '.')
            + ") are hooked once they are");
  }
}
