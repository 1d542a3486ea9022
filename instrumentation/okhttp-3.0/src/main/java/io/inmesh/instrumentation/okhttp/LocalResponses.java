package io.inmesh.instrumentation.okhttp;

import io.inmesh.bootstrap.HttpPlan;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The plan's local reply as an ordinary OkHttp {@code Response}, as a sidecar would answer. */
final class LocalResponses {
  private static final MediaType TEXT = MediaType.parse("text/plain");

  private LocalResponses() {}

  static Response of(Request request, HttpPlan plan) {
    String text = plan.localBody();
    byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis();
    Response.Builder b =
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(plan.localStatus())
            .message(reason(plan.localStatus()))
            .sentRequestAtMillis(now)
            .receivedResponseAtMillis(now);
    String[] headers = plan.localHeaders();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    if (body.length > 0) {
      b.header("content-type", "text/plain");
    }
    b.header("content-length", Integer.toString(body.length));
    // create(MediaType, byte[]) is the one signature OkHttp 3, 4 and 5 all have.
    return b.body(ResponseBody.create(body.length > 0 ? TEXT : null, body)).build();
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 303:
        return "See Other";
      case 307:
        return "Temporary Redirect";
      case 308:
        return "Permanent Redirect";
      case 400:
        return "Bad Request";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "";
    }
  }
}
