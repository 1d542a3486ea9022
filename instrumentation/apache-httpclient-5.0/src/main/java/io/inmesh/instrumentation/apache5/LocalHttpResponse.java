package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HookErrors;
import io.inmesh.bootstrap.HttpPlan;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

/** The plan's local reply as an ordinary classic response, as a sidecar would answer. */
final class LocalHttpResponse {
  /**
   * {@code CloseableHttpResponse} is final and built only by the package-private {@code adapt}:
   * looked up once; the class path's unnamed module lets us open it. Null when a version lacks it
   * or a module boundary forbids it: then no call is planned (see {@link #available()}).
   */
  private static final Method ADAPT = adaptMethod();

  private LocalHttpResponse() {}

  /** Whether local replies can be built; without them the hook passes every call through. */
  static boolean available() {
    return ADAPT != null;
  }

  static CloseableHttpResponse of(HttpPlan plan) throws ReflectiveOperationException {
    int status = plan.localStatus();
    BasicClassicHttpResponse r =
        new BasicClassicHttpResponse(
            status, EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH));
    String[] headers = plan.localHeaders();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.addHeader(headers[i], headers[i + 1]);
    }
    String text = plan.localBody();
    byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    r.setHeader("content-length", Integer.toString(body.length));
    if (body.length > 0) {
      r.setHeader("content-type", "text/plain");
    }
    r.setEntity(new ByteArrayEntity(body, body.length > 0 ? ContentType.TEXT_PLAIN : null));
    return (CloseableHttpResponse) ADAPT.invoke(null, r);
  }

  private static Method adaptMethod() {
    try {
      Method m =
          CloseableHttpResponse.class.getDeclaredMethod(
              "adapt", org.apache.hc.core5.http.ClassicHttpResponse.class);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      HookErrors.onAdviceError(e, "apache-httpclient-5.0");
      return null;
    }
  }
}
