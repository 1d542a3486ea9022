package io.inmesh.it.apps.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.Header;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * A plain Apache HttpClient 4.5 (classic) application; the app's timeout is its socket timeout. Arg
 * {@code own-tls}: the app's own TLS ({@link OwnTls}) with a host name verifier that accepts every
 * name.
 */
public final class ApacheHttpClient4App implements HttpDriver {
  private final CloseableHttpClient client;

  ApacheHttpClient4App(OwnTls ownTls) {
    HttpClientBuilder b =
        HttpClients.custom()
            .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(5000).build())
            .setMaxConnPerRoute(50)
            .setMaxConnTotal(200)
            .disableRedirectHandling();
    if (ownTls != null) {
      b.setSSLContext(ownTls.context()).setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
    }
    client = b.build();
  }

  public static void main(String[] args) throws Exception {
    ClientAppLoop.run(
        new ApacheHttpClient4App(List.of(args).contains("own-tls") ? OwnTls.load() : null));
  }

  @Override
  public DriverReply execute(DriverCall call) throws Exception {
    RequestBuilder b = RequestBuilder.create(call.method()).setUri(call.url());
    call.headers().forEach(b::setHeader);
    if (call.body() != null) {
      byte[] bytes = call.body().getBytes(StandardCharsets.UTF_8);
      b.setEntity(
          call.streamed()
              ? new InputStreamEntity(new ByteArrayInputStream(bytes), ContentType.TEXT_PLAIN)
              : new StringEntity(call.body(), ContentType.TEXT_PLAIN));
    }
    if (call.timeoutMillis() > 0) {
      b.setConfig(
          RequestConfig.custom()
              .setConnectTimeout(5000)
              .setSocketTimeout(call.timeoutMillis())
              .build());
    }
    HttpUriRequest request = b.build();
    try (CloseableHttpResponse response = client.execute(request)) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (Header h : response.getAllHeaders()) {
        headers.putIfAbsent(h.getName(), h.getValue());
      }
      String body =
          response.getEntity() == null
              ? ""
              : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
      return DriverReply.response(response.getStatusLine().getStatusCode(), headers, body);
    }
  }
}
