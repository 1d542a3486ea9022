package io.inmesh.it.apps.http;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * A plain Apache HttpClient 5 (classic) application; the app's timeout is its response timeout.
 * Apache's own retry strategy (which in 5.x also repeats 429/503 answers) is off, so what the
 * scenarios count is the mesh's retrying alone. Arg {@code own-tls}: the app's own TLS ({@link
 * OwnTls}) with a host name verifier that accepts every name.
 */
@SuppressWarnings("deprecation") // connect timeout on RequestConfig, execute(request): in 5.1 too
public final class ApacheHttpClient5App implements HttpDriver {
  private final CloseableHttpClient client;

  ApacheHttpClient5App(OwnTls ownTls) {
    PoolingHttpClientConnectionManagerBuilder connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(50)
            .setMaxConnTotal(200);
    if (ownTls != null) {
      connections.setSSLSocketFactory(
          SSLConnectionSocketFactoryBuilder.create()
              .setSslContext(ownTls.context())
              .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
              .build());
    }
    client =
        HttpClients.custom()
            .setConnectionManager(connections.build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .build();
  }

  public static void main(String[] args) throws Exception {
    ClientAppLoop.run(
        new ApacheHttpClient5App(List.of(args).contains("own-tls") ? OwnTls.load() : null));
  }

  @Override
  public DriverReply execute(DriverCall call) throws Exception {
    HttpUriRequestBase request = new HttpUriRequestBase(call.method(), URI.create(call.url()));
    call.headers().forEach(request::setHeader);
    if (call.body() != null) {
      byte[] bytes = call.body().getBytes(StandardCharsets.UTF_8);
      request.setEntity(
          call.streamed()
              ? new InputStreamEntity(new ByteArrayInputStream(bytes), ContentType.TEXT_PLAIN)
              : new StringEntity(call.body(), ContentType.TEXT_PLAIN));
    }
    if (call.timeoutMillis() > 0) {
      request.setConfig(
          RequestConfig.custom()
              .setConnectTimeout(5, TimeUnit.SECONDS)
              .setResponseTimeout(call.timeoutMillis(), TimeUnit.MILLISECONDS)
              .build());
    }
    try (CloseableHttpResponse response = client.execute(request)) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (Header h : response.getHeaders()) {
        headers.putIfAbsent(h.getName(), h.getValue());
      }
      String body =
          response.getEntity() == null
              ? ""
              : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
      return DriverReply.response(response.getCode(), headers, body);
    }
  }
}
