package io.inmesh.instrumentation.jdkhttpclient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * An upstream response handed to the app: the client's own, except that {@link #request()} and
 * {@link #uri()} are the app's request, not the agent's per-attempt copy.
 */
final class RoutedResponse<T> implements HttpResponse<T> {
  private final HttpResponse<T> delegate;
  private final HttpRequest request;

  RoutedResponse(HttpResponse<T> delegate, HttpRequest request) {
    this.delegate = delegate;
    this.request = request;
  }

  @Override
  public int statusCode() {
    return delegate.statusCode();
  }

  @Override
  public HttpRequest request() {
    return request;
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    return delegate.previousResponse();
  }

  @Override
  public HttpHeaders headers() {
    return delegate.headers();
  }

  @Override
  public T body() {
    return delegate.body();
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return delegate.sslSession();
  }

  @Override
  public URI uri() {
    return request.uri();
  }

  @Override
  public HttpClient.Version version() {
    return delegate.version();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
