package io.inmesh.instrumentation.jdkhttpclient;

import io.inmesh.bootstrap.HttpClientBridge;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Calls the client's private {@code sendAsync(request, handler, push, executor)} for one attempt,
 * with the hook's depth raised so its advice lets the call through. The agent opens {@code
 * jdk.internal.net.http} to itself at start.
 */
final class OriginalSend {
  private static volatile MethodHandle handle;

  private OriginalSend() {}

  @SuppressWarnings("unchecked")
  static <T> CompletableFuture<HttpResponse<T>> send(
      Object client,
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      Object push,
      Object executor)
      throws Throwable {
    MethodHandle h = handle(client.getClass());
    HttpClientBridge.DEPTH.enter();
    try {
      return (CompletableFuture<HttpResponse<T>>)
          (Object) h.invokeExact(client, (Object) request, (Object) handler, push, executor);
    } finally {
      HttpClientBridge.DEPTH.exit();
    }
  }

  private static MethodHandle handle(Class<?> clientClass) throws ReflectiveOperationException {
    MethodHandle h = handle;
    if (h == null) {
      Class<?> impl = clientClass;
      while (!impl.getName().equals(JdkHttpClientModule.CLIENT_IMPL)) {
        impl = impl.getSuperclass();
      }
      Method m =
          impl.getDeclaredMethod(
              "sendAsync",
              HttpRequest.class,
              HttpResponse.BodyHandler.class,
              HttpResponse.PushPromiseHandler.class,
              Executor.class);
      m.setAccessible(true);
      h =
          MethodHandles.lookup()
              .unreflect(m)
              .asType(
                  MethodType.methodType(
                      Object.class,
                      Object.class,
                      Object.class,
                      Object.class,
                      Object.class,
                      Object.class));
      handle = h;
    }
    return h;
  }
}
