package io.inmesh.instrumentation.api;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Collects the advice of a {@link TypeInstrumentation}.
 *
 * <p>Advice conventions: a static nested class referenced by its binary name; {@code suppress =
 * Throwable.class} on every {@code @OnMethodEnter}/{@code @OnMethodExit} (suppressed exceptions are
 * counted and logged once by {@link io.inmesh.bootstrap.HookErrors}); no lambdas; no logging
 * frameworks; code in java.base types may only call the bootstrap bridge ({@code
 * io.inmesh.bootstrap}); a {@link io.inmesh.bootstrap.CallDepth} guard and an {@link
 * io.inmesh.bootstrap.AgentThreads#isBypassed()} check before acting.
 */
public interface TypeTransformer {
  /** Weaves the advice class {@code adviceClassName} into the methods matching {@code methods}. */
  void applyAdviceToMethod(
      ElementMatcher<? super MethodDescription> methods, String adviceClassName);
}
