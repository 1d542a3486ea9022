package io.inmesh.it.apps.http;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS of an app that brings its own (option {@code own-tls} of the client apps): an {@code
 * SSLContext} trusting only the PKCS12 store named by {@code -Dinmesh.it.trustStore} (password
 * {@code changeit}), not the JVM's default trust. With it the apps also accept any host name.
 */
public final class OwnTls {
  private final SSLContext context;
  private final X509TrustManager trustManager;

  private OwnTls(SSLContext context, X509TrustManager trustManager) {
    this.context = context;
    this.trustManager = trustManager;
  }

  /** Loads the store named by {@code inmesh.it.trustStore}. */
  public static OwnTls load() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(Path.of(System.getProperty("inmesh.it.trustStore")))) {
      trust.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    return new OwnTls(context, tm);
  }

  public SSLContext context() {
    return context;
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }
}
