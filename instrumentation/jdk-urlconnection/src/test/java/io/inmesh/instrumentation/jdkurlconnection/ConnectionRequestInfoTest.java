package io.inmesh.instrumentation.jdkurlconnection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ConnectionRequestInfoTest {
  @Test
  void readsTheConnectionsRequest() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://reviews:9080/a/b?x=1").toURL().openConnection();
    connection.setRequestMethod("PUT");
    connection.setRequestProperty("X-Tenant", "blue");

    ConnectionRequestInfo info = new ConnectionRequestInfo(connection, true);

    assertThat(info.method()).isEqualTo("PUT");
    assertThat(info.authority()).isEqualTo("reviews:9080");
    assertThat(info.path()).isEqualTo("/a/b");
    assertThat(info.query()).isEqualTo("x=1");
    assertThat(info.header("x-tenant")).isEqualTo("blue");
  }

  /**
   * The adapter keeps each call in a weak map keyed by the app's connection, and the call's plan
   * keeps this view: if the view held the connection strongly, no mesh connection would ever be
   * collected (the overhead benchmark's heap grew by ~1 KB a call).
   */
  @Test
  void doesNotKeepTheConnectionReachable() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://reviews:9080/").toURL().openConnection();
    ConnectionRequestInfo info = new ConnectionRequestInfo(connection, true);
    WeakReference<HttpURLConnection> collected = new WeakReference<>(connection);
    connection = null;

    for (int i = 0; i < 50 && collected.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }

    assertThat(collected.get()).isNull();
    assertThat(info.method()).isEqualTo("GET");
    assertThat(info.header("x-tenant")).isNull();
  }
}
