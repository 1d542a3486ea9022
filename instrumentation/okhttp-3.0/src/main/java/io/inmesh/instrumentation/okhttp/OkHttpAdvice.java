package io.inmesh.instrumentation.okhttp;

import net.bytebuddy.asm.Advice;
import okhttp3.Address;
import okhttp3.OkHttpClient;

/** Advice of {@link OkHttpModule}; calls only the helpers injected next to OkHttp. */
public final class OkHttpAdvice {
  private OkHttpAdvice() {}

  /** On {@code OkHttpClient(Builder)}, before the builder's interceptors are copied. */
  public static final class AddInterceptor {
    private AddInterceptor() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) OkHttpClient.Builder builder) {
      MeshInterceptor.addTo(builder);
    }
  }

  /** On the factory of a call's {@code Address}: steers it to the current attempt's endpoint. */
  public static final class SteerAddress {
    private SteerAddress() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return(readOnly = false) Address address) {
      address = OkHttpSteering.steer(address);
    }
  }
}
