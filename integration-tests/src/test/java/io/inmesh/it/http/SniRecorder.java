package io.inmesh.it.http;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A test server's key manager that records the SNI host name each full handshake asked for ({@code
 * ""} when the client sent none, as clients do for an IP address), then lets its delegate choose.
 */
final class SniRecorder extends X509ExtendedKeyManager {
  private final X509ExtendedKeyManager delegate;
  private final List<String> names = new CopyOnWriteArrayList<>();

  SniRecorder(X509ExtendedKeyManager delegate) {
    this.delegate = delegate;
  }

  /** The SNI host names of the handshakes so far, in order. */
  List<String> names() {
    return List.copyOf(names);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    String alias = delegate.chooseEngineServerAlias(keyType, issuers, engine);
    if (alias != null) {
      // Asked once per acceptable key type; the chosen one marks the handshake.
      record(engine.getHandshakeSession());
    }
    return alias;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseServerAlias(keyType, issuers, socket);
  }

  private void record(SSLSession session) {
    String name = "";
    if (session instanceof ExtendedSSLSession) {
      for (SNIServerName n : ((ExtendedSSLSession) session).getRequestedServerNames()) {
        if (n instanceof SNIHostName) {
          name = ((SNIHostName) n).getAsciiName();
        }
      }
    }
    names.add(name);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return delegate.getServerAliases(keyType, issuers);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return delegate.getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseClientAlias(keyType, issuers, socket);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return delegate.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return delegate.getPrivateKey(alias);
  }
}
