package io.inmesh.instrumentation.apache4;

import io.inmesh.bootstrap.HttpPlan;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.http.HttpVersion;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.EnglishReasonPhraseCatalog;
import org.apache.http.message.BasicHttpResponse;
import org.apache.http.message.BasicStatusLine;

/** The plan's local reply as an ordinary classic response, as a sidecar would answer. */
final class LocalHttpResponse extends BasicHttpResponse implements CloseableHttpResponse {
  LocalHttpResponse(HttpPlan plan) {
    super(
        new BasicStatusLine(
            HttpVersion.HTTP_1_1,
            plan.localStatus(),
            EnglishReasonPhraseCatalog.INSTANCE.getReason(plan.localStatus(), Locale.ENGLISH)));
    String[] headers = plan.localHeaders();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      addHeader(headers[i], headers[i + 1]);
    }
    String text = plan.localBody();
    byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    setHeader("content-length", Integer.toString(body.length));
    if (body.length > 0) {
      setHeader("content-type", "text/plain");
    }
    setEntity(new ByteArrayEntity(body, body.length > 0 ? ContentType.TEXT_PLAIN : null));
  }

  @Override
  public void close() {
    // Nothing to release: no connection was used.
  }
}
