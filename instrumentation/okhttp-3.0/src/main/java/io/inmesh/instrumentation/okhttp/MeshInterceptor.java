package io.inmesh.instrumentation.okhttp;

import io.inmesh.bootstrap.HttpAttempts;
import io.inmesh.bootstrap.HttpBridge;
import io.inmesh.bootstrap.HttpPlan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The mesh's application interceptor, added last to every {@code OkHttpClient}: plans each call
 * through {@link HttpBridge} and drives the plan (see {@link HttpPlan}). A call the mesh does not
 * know costs one planner lookup and goes on untouched.
 */
public final class MeshInterceptor implements Interceptor {
  static final MeshInterceptor INSTANCE = new MeshInterceptor();

  private MeshInterceptor() {}

  /** From the client constructor's advice: ours goes last among the app's interceptors. */
  public static void addTo(OkHttpClient.Builder builder) {
    List<Interceptor> interceptors = builder.interceptors();
    int at = interceptors.indexOf(INSTANCE);
    if (at >= 0 && at == interceptors.size() - 1) {
      return;
    }
    if (at >= 0) {
      // A builder from client.newBuilder() that got more interceptors: stay last.
      interceptors.remove(at);
    }
    interceptors.add(INSTANCE);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    OkHttpRequestInfo info = new OkHttpRequestInfo(request);
    HttpPlan plan = HttpBridge.start(info);
    if (plan == null) {
      return chain.proceed(request);
    }
    try {
      return drive(chain, request, info, plan);
    } catch (IOException | RuntimeException | Error e) {
      plan.cancel();
      throw e;
    }
  }

  private static Response drive(Chain chain, Request request, OkHttpRequestInfo info, HttpPlan plan)
      throws IOException {
    pause(chain, plan.delayNanos());
    if (plan.hasLocalReply()) {
      return LocalResponses.of(request, plan);
    }
    for (; ; ) {
      if (!plan.beginAttempt()) {
        return LocalResponses.of(request, plan);
      }
      SteeredEndpoint endpoint = OkHttpSteering.endpoint(plan.endpointHost(), plan.endpointPort());
      Request out = attemptRequest(request, plan, endpoint.port);
      long budget = plan.attemptTimeoutNanos();
      Chain bounded = chain;
      boolean appTimeoutBinds = true;
      if (budget != Long.MAX_VALUE) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (budget + 999_999) / 1_000_000));
        int appRead = chain.readTimeoutMillis();
        // The app's own timeouts still win when shorter; ours only ever shortens them.
        if (appRead == 0 || ms < appRead) {
          bounded = bounded.withReadTimeout(ms, TimeUnit.MILLISECONDS);
          appTimeoutBinds = false;
        }
        int appConnect = chain.connectTimeoutMillis();
        if (appConnect == 0 || ms < appConnect) {
          bounded = bounded.withConnectTimeout(ms, TimeUnit.MILLISECONDS);
        }
      }
      Response response = null;
      long next;
      OkHttpSteering.begin(endpoint);
      try {
        response = bounded.proceed(out);
      } catch (IOException e) {
        int failure = HttpAttempts.failureOf(e);
        if (chain.call().isCanceled()
            || failure == HttpAttempts.APP_OUTCOME
            || (appTimeoutBinds && failure == HttpPlan.FAILURE_TIMEOUT)) {
          // The app's own verdict (cancel, call or read timeout, its TLS check): as without us.
          throw e;
        }
        next = plan.onFailure(failure);
        if (next == HttpPlan.LOCAL_REPLY) {
          return LocalResponses.of(request, plan);
        }
        pause(chain, next);
        continue;
      } finally {
        OkHttpSteering.end();
      }
      next = plan.onResponse(response.code(), new ResponseHeaders(response));
      if (next == HttpPlan.DELIVER) {
        // The app sees its own request (URL with the logical port) on the response.
        return response.newBuilder().request(request).build();
      }
      response.close();
      if (next == HttpPlan.LOCAL_REPLY) {
        return LocalResponses.of(request, plan);
      }
      pause(chain, next);
    }
  }

  /**
   * The request of one attempt: the app's, with the endpoint's stand-in port in the URL (so the
   * call's previous connection, to another endpoint, is not reused) and its {@code Host} explicit.
   */
  private static Request attemptRequest(Request request, HttpPlan plan, int port) {
    HttpUrl url = plan.pathRewritten() ? request.url().resolve(plan.pathAndQuery()) : request.url();
    Request.Builder b = request.newBuilder().url(url.newBuilder().port(port).build());
    b.header("Host", plan.authority());
    if (plan.hasHeaderMutations()) {
      plan.applyHeaders(new RequestHeaderWriter(b));
    }
    return b.build();
  }

  /**
   * Sleeps a fault delay or back-off; the app's cancel (or its call timeout, which cancels) ends
   * it.
   */
  private static void pause(Chain chain, long nanos) throws IOException {
    if (nanos > 0 && !HttpAttempts.sleepBackoff(nanos, new CallCancellation(chain.call()))) {
      throw chain.call().isCanceled()
          ? new IOException("Canceled")
          : new InterruptedIOException("interrupted");
    }
  }
}
