package io.inmesh.bootstrap;

import java.net.InetSocketAddress;

/**
 * The implementation slot type of {@link HttpClientBridge}. Parameters typed {@code Object} are
 * java.net.http objects, which the bootstrap loader cannot name.
 */
public interface JdkHttpClientHook {
  /**
   * The app called {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}.
   * Returns the {@code CompletableFuture<HttpResponse<T>>} to hand the app instead, or null to let
   * the call proceed untouched.
   */
  Object sendAsync(Object client, Object request, Object handler, Object push, Object executor);

  /** The client made its internal copy {@code requestImpl} of the user's {@code request}. */
  void requestCreated(Object requestImpl, Object request);

  /** The address {@code requestImpl} must connect to, or null for the client's own answer. */
  InetSocketAddress address(Object requestImpl);
}
