package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpAttempts;
import io.inmesh.bootstrap.HttpBridge;
import io.inmesh.bootstrap.HttpPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * Drives the mesh plan of one classic call (see {@link HttpPlan}); each attempt is a nested {@code
 * execute} on the app's own client, which {@link HttpBridge#DEPTH} lets through unplanned.
 */
public final class Apache5ClassicExecutor {
  private Apache5ClassicExecutor() {}

  /**
   * Null: not a mesh call, run {@code doExecute} as is. Otherwise what the app gets: a {@code
   * CloseableHttpResponse}, or the {@code Throwable} the client threw on the last attempt.
   */
  public static Object execute(
      CloseableHttpClient client,
      HttpHost target,
      ClassicHttpRequest request,
      HttpContext context) {
    if (request == null || HttpBridge.DEPTH.current() > 0 || !LocalHttpResponse.available()) {
      return null;
    }
    Apache5RequestInfo info = Apache5RequestInfo.of(target, request);
    if (info == null) {
      return null;
    }
    HttpPlan plan = HttpBridge.start(info);
    if (plan == null) {
      return null;
    }
    try {
      return drive(client, info, context, plan);
    } catch (Throwable t) {
      plan.cancel();
      return t;
    }
  }

  private static Object drive(
      CloseableHttpClient client, Apache5RequestInfo info, HttpContext context, HttpPlan plan)
      throws IOException, ReflectiveOperationException {
    HttpAttempts.pause(plan.delayNanos());
    if (plan.hasLocalReply()) {
      return LocalHttpResponse.of(plan);
    }
    ClassicHttpRequest request = (ClassicHttpRequest) info.request;
    RequestConfig appConfig = appConfig(client, request, context);
    for (; ; ) {
      if (!plan.beginAttempt()) {
        return LocalHttpResponse.of(plan);
      }
      HttpHost endpoint =
          new HttpHost(
              info.scheme(),
              InetAddress.getByAddress(
                  info.host(), InetAddress.getByName(plan.endpointHost()).getAddress()),
              info.host(),
              plan.endpointPort());
      HttpUriRequestBase attempt = attemptRequest(request, info, plan);
      long budget = plan.attemptTimeoutNanos();
      boolean appTimeoutBinds = true;
      RequestConfig config = appConfig;
      if (budget != Long.MAX_VALUE) {
        long ms = Math.max(1, (budget + 999_999) / 1_000_000);
        RequestConfig base = appConfig != null ? appConfig : RequestConfig.DEFAULT;
        RequestConfig.Builder b = RequestConfig.copy(base);
        // The app's own timeouts still win when shorter; ours only ever shortens them.
        if (unbounded(base.getResponseTimeout(), ms)) {
          b.setResponseTimeout(Timeout.ofMilliseconds(ms));
          appTimeoutBinds = false;
        }
        if (unbounded(connectTimeoutOf(base), ms)) {
          setConnectTimeout(b, ms);
        }
        config = b.build();
      }
      if (config != null) {
        // On the attempt's own request: the app's request and context keep their settings.
        attempt.setConfig(config);
      }
      CloseableHttpResponse response;
      long next;
      HttpBridge.DEPTH.enter();
      try {
        response = client.execute(endpoint, attempt, context);
      } catch (IOException e) {
        int failure = HttpAttempts.failureOf(e);
        if (failure == HttpAttempts.APP_OUTCOME
            || (appTimeoutBinds && failure == HttpPlan.FAILURE_TIMEOUT)) {
          // The app's own verdict (its TLS check, interrupt, timeout): as without the mesh.
          throw e;
        }
        next = plan.onFailure(failure);
        if (next == HttpPlan.LOCAL_REPLY) {
          return LocalHttpResponse.of(plan);
        }
        HttpAttempts.pause(next);
        continue;
      } finally {
        HttpBridge.DEPTH.exit();
      }
      next = plan.onResponse(response.getCode(), new Apache5ResponseHeaders(response));
      if (next == HttpPlan.DELIVER) {
        return response;
      }
      EntityUtils.consumeQuietly(response.getEntity());
      response.close();
      if (next == HttpPlan.LOCAL_REPLY) {
        return LocalHttpResponse.of(plan);
      }
      HttpAttempts.pause(next);
    }
  }

  /**
   * The attempt's request: a copy of the app's (method, headers, entity) with the logical scheme
   * and authority, the plan's path, and Host made explicit (the target names the endpoint's port).
   */
  private static HttpUriRequestBase attemptRequest(
      ClassicHttpRequest app, Apache5RequestInfo info, HttpPlan plan) {
    HttpUriRequestBase a = new HttpUriRequestBase(app.getMethod(), URI.create(plan.pathAndQuery()));
    a.setScheme(info.scheme());
    a.setAuthority(app.getAuthority());
    if (app.getVersion() != null) {
      a.setVersion(app.getVersion());
    }
    for (Header h : app.getHeaders()) {
      a.addHeader(h);
    }
    a.setEntity(app.getEntity());
    a.setHeader("Host", plan.authority());
    if (plan.hasHeaderMutations()) {
      plan.applyHeaders(new Apache5HeaderWriter(a));
    }
    return a;
  }

  /** The request config the app's call would run with (request, then context, then client). */
  private static RequestConfig appConfig(
      CloseableHttpClient client, ClassicHttpRequest request, HttpContext context) {
    if (request instanceof Configurable && ((Configurable) request).getConfig() != null) {
      return ((Configurable) request).getConfig();
    }
    Object inContext = context == null ? null : context.getAttribute("http.request-config");
    if (inContext instanceof RequestConfig) {
      return (RequestConfig) inContext;
    }
    return client instanceof Configurable ? ((Configurable) client).getConfig() : null;
  }

  private static boolean unbounded(Timeout appTimeout, long ms) {
    return appTimeout == null
        || appTimeout.isDisabled()
        || appTimeout.toMilliseconds() <= 0
        || ms < appTimeout.toMilliseconds();
  }

  @SuppressWarnings("deprecation") // still honoured per request in 5.5; the only per-call knob
  private static Timeout connectTimeoutOf(RequestConfig config) {
    return config.getConnectTimeout();
  }

  @SuppressWarnings("deprecation")
  private static void setConnectTimeout(RequestConfig.Builder b, long ms) {
    b.setConnectTimeout(Timeout.ofMilliseconds(ms));
  }
}
