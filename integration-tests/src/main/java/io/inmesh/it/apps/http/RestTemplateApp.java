package io.inmesh.it.apps.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestTemplate;

/**
 * A Spring {@link RestTemplate} application on its default request factory, {@link
 * SimpleClientHttpRequestFactory} (the JDK's HttpURLConnection). Spring turns 4xx/5xx into {@link
 * HttpStatusCodeException}s; the driver reports them as the response they carry, with the exception
 * class Spring chose in the pseudo header {@value #EXCEPTION_HEADER}.
 */
public final class RestTemplateApp implements HttpDriver {
  /** Names the {@code HttpStatusCodeException} subclass Spring threw for an error status. */
  public static final String EXCEPTION_HEADER = "x-app-exception";

  private final RestTemplate rest;

  RestTemplateApp() {
    SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
    factory.setConnectTimeout(5000);
    rest = new RestTemplate(factory);
  }

  public static void main(String[] args) throws Exception {
    ClientAppLoop.run(new RestTemplateApp());
  }

  @Override
  public DriverReply execute(DriverCall call) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    call.headers().forEach(headers::set);
    HttpEntity<byte[]> entity =
        new HttpEntity<>(
            call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8), headers);
    try {
      ResponseEntity<String> r =
          rest.exchange(call.url(), HttpMethod.valueOf(call.method()), entity, String.class);
      return DriverReply.response(r.getStatusCode().value(), first(r.getHeaders()), r.getBody());
    } catch (HttpStatusCodeException e) {
      Map<String, String> h = first(e.getResponseHeaders());
      h.put(EXCEPTION_HEADER, e.getClass().getName());
      return DriverReply.response(e.getStatusCode().value(), h, e.getResponseBodyAsString());
    }
  }

  private static Map<String, String> first(HttpHeaders headers) {
    Map<String, String> out = new LinkedHashMap<>();
    if (headers != null) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (!e.getValue().isEmpty()) {
          out.put(e.getKey(), e.getValue().get(0));
        }
      }
    }
    return out;
  }
}
