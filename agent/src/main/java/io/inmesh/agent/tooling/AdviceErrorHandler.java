package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.HookErrors;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;

/**
 * Routes exceptions suppressed by advice ({@code suppress = Throwable.class}) to {@link
 * HookErrors#onAdviceError(Throwable, String)} with the hook's name, so they are counted and the
 * first one per hook is logged; the application's call then goes on as if the advice were absent.
 */
final class AdviceErrorHandler {
  private static final MethodDescription.InDefinedShape ON_ERROR;

  static {
    try {
      ON_ERROR =
          new MethodDescription.ForLoadedMethod(
              HookErrors.class.getMethod("onAdviceError", Throwable.class, String.class));
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private AdviceErrorHandler() {}

  /** A handler for the advice of {@code hook}: the suppressed throwable is on the stack. */
  static Advice.ExceptionHandler forHook(String hook) {
    return new Advice.ExceptionHandler.Simple(
        new StackManipulation.Compound(new TextConstant(hook), MethodInvocation.invoke(ON_ERROR)));
  }
}
