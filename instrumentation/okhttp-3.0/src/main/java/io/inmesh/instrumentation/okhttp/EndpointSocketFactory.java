package io.inmesh.instrumentation.okhttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Plain sockets whose connect goes to one endpoint, whatever address OkHttp's route names: the
 * attempt's URL carries a port that stands for the endpoint (see {@link OkHttpSteering}), and this
 * is where the endpoint's real address comes in.
 */
final class EndpointSocketFactory extends SocketFactory {
  private final InetSocketAddress endpoint;

  EndpointSocketFactory(InetSocketAddress endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Socket createSocket() {
    return new EndpointSocket(endpoint);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(endpoint);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localHost, localPort));
    s.connect(endpoint);
    return s;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return createSocket((String) null, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket((String) null, port, localAddress, localPort);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointSocketFactory
        && ((EndpointSocketFactory) o).endpoint.equals(endpoint);
  }

  @Override
  public int hashCode() {
    return endpoint.hashCode();
  }

  /** A socket that connects to the endpoint instead of the address it is given. */
  static final class EndpointSocket extends Socket {
    private final InetSocketAddress endpoint;

    EndpointSocket(InetSocketAddress endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public void connect(SocketAddress ignored, int timeout) throws IOException {
      super.connect(endpoint, timeout);
    }
  }
}
