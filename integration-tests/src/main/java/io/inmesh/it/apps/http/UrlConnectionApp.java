package io.inmesh.it.apps.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain {@link HttpURLConnection} application: status from {@code getResponseCode}, body from
 * {@code getInputStream} or, for 4xx/5xx, {@code getErrorStream}, as apps written against the JDK
 * do. A streamed call uses {@code setChunkedStreamingMode}; other bodies are buffered by the JDK.
 */
public final class UrlConnectionApp implements HttpDriver {
  public static void main(String[] args) throws Exception {
    ClientAppLoop.run(new UrlConnectionApp());
  }

  @Override
  public DriverReply execute(DriverCall call) throws Exception {
    HttpURLConnection c = (HttpURLConnection) new URL(call.url()).openConnection();
    try {
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout(5000);
      if (call.timeoutMillis() > 0) {
        c.setReadTimeout(call.timeoutMillis());
      }
      c.setRequestMethod(call.method());
      call.headers().forEach(c::setRequestProperty);
      if (call.body() != null) {
        byte[] bytes = call.body().getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        if (call.streamed()) {
          c.setChunkedStreamingMode(0);
        }
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : c.getHeaderFields().entrySet()) {
        if (e.getKey() != null && !e.getValue().isEmpty()) {
          headers.put(e.getKey(), e.getValue().get(0));
        }
      }
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      return DriverReply.response(status, headers, in == null ? "" : read(in));
    } catch (IOException e) {
      c.disconnect();
      throw e;
    }
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
