/**
 * The part of inmesh on the bootstrap class path: the premain entry ({@link
 * io.inmesh.bootstrap.MeshAgent}), the isolated {@link io.inmesh.bootstrap.AgentClassLoader}, the
 * logger, and the bridge that advice calls. Advice woven into java.base ({@code InetAddress},
 * {@code sun.nio.ch.*}) can only link to classes of the bootstrap loader, so this package must stay
 * small, dependency-free, lambda-free and free of logging frameworks.
 *
 * <h2>Bridge pattern (one per hook family)</h2>
 *
 * <ol>
 *   <li>An interface typed with JDK types only, e.g. {@code DnsResolver { InetAddress[]
 *       resolve(String host) throws UnknownHostException; }} (use {@code Object} for types the
 *       bootstrap loader cannot see, such as java.net.http's).
 *   <li>A final holder class, e.g. {@code DnsBridge}, with a {@code public static final CallDepth
 *       DEPTH}, a {@code private static volatile} implementation slot, a static {@code
 *       install(impl)}, and static methods that advice calls. Each method first checks {@code
 *       DEPTH.enter() > 0 || AgentThreads.isBypassed()} and returns the "do nothing" answer, then
 *       reads the slot once and does nothing when it is still null (the engine is not ready yet).
 *   <li>The agent (in the agent class loader) implements the interface and calls {@code install}
 *       once the engine can answer; advice in the instrumentation module calls only the holder's
 *       static methods, with {@code suppress = Throwable.class} so failures go to {@link
 *       io.inmesh.bootstrap.HookErrors}.
 * </ol>
 *
 * <p>{@link io.inmesh.bootstrap.TestProbeBridge} with {@link io.inmesh.bootstrap.TestProbe} is the
 * working example. One bridge differs: {@link io.inmesh.bootstrap.DnsBridge} is called by a few
 * instructions woven by hand before {@code main} (no ByteBuddy advice, so no exit advice and no
 * suppression), so its one method does the nesting guard itself and never throws.
 */
package io.inmesh.bootstrap;
