package io.inmesh.xds;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS to the xDS server ({@code MESH_XDS_TLS_CA}, {@code MESH_XDS_TLS_CERT}, {@code
 * MESH_XDS_TLS_KEY}). The server's certificate is verified against {@code caFile} and the server
 * host name; a client certificate is presented when both {@code certFile} and {@code keyFile} are
 * set (mTLS).
 *
 * @param caFile PEM CA certificate(s) that sign the server's certificate
 * @param certFile PEM client certificate chain, or null
 * @param keyFile PEM PKCS#8 private key of {@code certFile}, or null
 */
public record XdsTls(Path caFile, Path certFile, Path keyFile) {
  public XdsTls {
    Objects.requireNonNull(caFile, "caFile");
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(
          "MESH_XDS_TLS_CERT and MESH_XDS_TLS_KEY must be set together");
    }
  }
}
