package io.inmesh.instrumentation.apache4;

import io.inmesh.bootstrap.HttpAttempts;
import io.inmesh.bootstrap.HttpBridge;
import io.inmesh.bootstrap.HttpPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.Configurable;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;

/**
 * Drives the mesh plan of one classic call (see {@link HttpPlan}); each attempt is a nested {@code
 * execute} on the app's own client, which {@link HttpBridge#DEPTH} lets through unplanned.
 */
public final class ApacheClassicExecutor {
  private ApacheClassicExecutor() {}

  /**
   * Null: not a mesh call, run {@code doExecute} as is. Otherwise what the app gets: a {@code
   * CloseableHttpResponse}, or the {@code Throwable} the client threw on the last attempt.
   */
  public static Object execute(
      CloseableHttpClient client, HttpHost target, HttpRequest request, HttpContext context) {
    if (target == null || HttpBridge.DEPTH.current() > 0) {
      return null;
    }
    Apache4RequestInfo info = new Apache4RequestInfo(target, request);
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
      CloseableHttpClient client, Apache4RequestInfo info, HttpContext context, HttpPlan plan)
      throws IOException {
    HttpAttempts.pause(plan.delayNanos());
    if (plan.hasLocalReply()) {
      return new LocalHttpResponse(plan);
    }
    RequestConfig appConfig = appConfig(client, info.request, context);
    for (; ; ) {
      if (!plan.beginAttempt()) {
        return new LocalHttpResponse(plan);
      }
      HttpHost endpoint =
          new HttpHost(
              InetAddress.getByAddress(
                  info.host(), InetAddress.getByName(plan.endpointHost()).getAddress()),
              info.host(),
              plan.endpointPort(),
              info.scheme());
      HttpRequestWrapper attempt = attemptRequest(info, plan);
      long budget = plan.attemptTimeoutNanos();
      boolean appTimeoutBinds = true;
      RequestConfig config = appConfig;
      if (budget != Long.MAX_VALUE) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (budget + 999_999) / 1_000_000));
        RequestConfig base = appConfig != null ? appConfig : RequestConfig.DEFAULT;
        RequestConfig.Builder b = RequestConfig.copy(base);
        // The app's own timeouts still win when shorter; ours only ever shortens them.
        if (base.getSocketTimeout() <= 0 || ms < base.getSocketTimeout()) {
          b.setSocketTimeout(ms);
          appTimeoutBinds = false;
        }
        if (base.getConnectTimeout() <= 0 || ms < base.getConnectTimeout()) {
          b.setConnectTimeout(ms);
        }
        config = b.build();
      }
      HttpContext attemptContext = context;
      if (config != null) {
        // A child context: the app's own context never keeps our per-attempt settings.
        attemptContext = new BasicHttpContext(context);
        attemptContext.setAttribute(HttpClientContext.REQUEST_CONFIG, config);
      }
      CloseableHttpResponse response;
      long next;
      HttpBridge.DEPTH.enter();
      try {
        response = client.execute(endpoint, attempt, attemptContext);
      } catch (IOException e) {
        int failure = HttpAttempts.failureOf(e);
        if (failure == HttpAttempts.APP_OUTCOME
            || (appTimeoutBinds && failure == HttpPlan.FAILURE_TIMEOUT)) {
          // The app's own verdict (its TLS check, interrupt, timeout): as without the mesh.
          throw e;
        }
        next = plan.onFailure(failure);
        if (next == HttpPlan.LOCAL_REPLY) {
          return new LocalHttpResponse(plan);
        }
        HttpAttempts.pause(next);
        continue;
      } finally {
        HttpBridge.DEPTH.exit();
      }
      next =
          plan.onResponse(
              response.getStatusLine().getStatusCode(), new Apache4ResponseHeaders(response));
      if (next == HttpPlan.DELIVER) {
        return response;
      }
      EntityUtils.consumeQuietly(response.getEntity());
      response.close();
      if (next == HttpPlan.LOCAL_REPLY) {
        return new LocalHttpResponse(plan);
      }
      HttpAttempts.pause(next);
    }
  }

  /** The attempt's request: a wrapper of the app's (its headers copied) with Host made explicit. */
  private static HttpRequestWrapper attemptRequest(Apache4RequestInfo info, HttpPlan plan) {
    HttpRequestWrapper w = HttpRequestWrapper.wrap(info.request);
    if (plan.pathRewritten()) {
      URI uri = info.uri;
      w.setURI(
          uri.isAbsolute() ? uri.resolve(plan.pathAndQuery()) : URI.create(plan.pathAndQuery()));
    }
    // The target names the endpoint's port: without an explicit Host, Apache would send that.
    w.setHeader("Host", plan.authority());
    if (plan.hasHeaderMutations()) {
      plan.applyHeaders(new Apache4HeaderWriter(w));
    }
    return w;
  }

  /** The request config the app's call would run with (request, then context, then client). */
  private static RequestConfig appConfig(
      CloseableHttpClient client, HttpRequest request, HttpContext context) {
    if (request instanceof Configurable && ((Configurable) request).getConfig() != null) {
      return ((Configurable) request).getConfig();
    }
    Object inContext =
        context == null ? null : context.getAttribute(HttpClientContext.REQUEST_CONFIG);
    if (inContext instanceof RequestConfig) {
      return (RequestConfig) inContext;
    }
    return client instanceof Configurable ? ((Configurable) client).getConfig() : null;
  }
}
