package io.inmesh.instrumentation.jdkurlconnection;

import io.inmesh.bootstrap.HttpBridge;
import io.inmesh.bootstrap.HttpPlan;
import io.inmesh.bootstrap.UrlConnectionBridge.Outcome;
import io.inmesh.bootstrap.UrlConnectionHook;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The agent side of {@link io.inmesh.bootstrap.UrlConnectionBridge}: plans a connection's call with
 * the generic L7 bridge ({@link HttpBridge}) when the app first makes it send (connect,
 * getOutputStream, getInputStream, a header getter), and from then on lets its {@link MeshUrlCall}
 * answer the app's calls.
 *
 * <p>A connection's call lives in a weak map: the JDK class cannot get a field (already loaded
 * classes are only re-transformed), and an app rarely calls {@code disconnect}, so the entry must
 * go when the app drops the connection.
 */
final class UrlConnectionAdapter implements UrlConnectionHook {
  private final Map<HttpURLConnection, MeshUrlCall> calls =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public Outcome enter(HttpURLConnection connection, String method, Object arg, boolean connected) {
    if (connected) {
      // A mesh call's connection never opens a socket of its own (its attempts are separate
      // connections), so a connected one is the app's plain call: no map lookup, no lock, on
      // every header getter of every connection the mesh does not handle.
      return null;
    }
    MeshUrlCall call = calls.get(connection);
    if (call != null) {
      Outcome out = call.answer(connection, method, arg);
      if (method.equals("disconnect")) {
        calls.remove(connection);
      }
      return out;
    }
    if (method.equals("disconnect") || method.equals("getErrorStream")) {
      return null;
    }
    StreamingMode streaming = StreamingMode.of(connection);
    HttpPlan plan = HttpBridge.start(new ConnectionRequestInfo(connection, !streaming.streaming()));
    if (plan == null) {
      return null;
    }
    call = new MeshUrlCall(plan, streaming);
    calls.put(connection, call);
    return call.answer(connection, method, arg);
  }

  @Override
  public URL route(URL url) {
    return Steering.route(url);
  }

  @Override
  public boolean useCache(URL url, boolean useCache) {
    return Steering.useCache(url, useCache);
  }

  @Override
  public InetSocketAddress server(String host, int port) {
    return Steering.server(host, port);
  }
}
