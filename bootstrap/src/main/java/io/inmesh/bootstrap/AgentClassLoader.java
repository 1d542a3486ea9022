package io.inmesh.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The isolated class loader of everything in mesh.jar but this bridge package: ByteBuddy, gRPC,
 * protobuf, Netty, the OTel SDK and our own agent code.
 *
 * <p>Those classes are stored under {@code inst/} with a {@code .classdata} suffix, so no other
 * class loader (in particular the application's, which sees mesh.jar on its class path) can find
 * them. The parent is the platform loader: the agent sees the JDK and this bridge (on the bootstrap
 * path) but never the application's libraries. Resources are looked up under {@code inst/} as well,
 * which is where ServiceLoader files end up; a {@code .class} resource maps to its {@code
 * .classdata} entry because ByteBuddy reads advice byte code that way.
 */
public final class AgentClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static final String PREFIX = "inst/";
  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain domain;

  /** Loads from {@code jar}, which was opened from {@code file}. */
  public AgentClassLoader(JarFile jar, File file) throws MalformedURLException {
    super("inmesh-agent", ClassLoader.getPlatformClassLoader());
    this.jar = jar;
    URL location = file.toURI().toURL();
    this.jarUrl = "jar:" + location + "!/";
    this.domain =
        new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageOf(name);
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot > 0) {
      String pkg = className.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException raced) {
          // Another thread defined it first: fine.
        }
      }
    }
  }

  @Override
  protected URL findResource(String name) {
    String entryName = entryName(name);
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(java.util.List.of(url));
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    // Straight from the open jar: avoids URL connections (and their caches) for advice byte code.
    JarEntry entry = jar.getJarEntry(entryName(name));
    if (entry != null) {
      try {
        return jar.getInputStream(entry);
      } catch (IOException e) {
        return null;
      }
    }
    return super.getResourceAsStream(name);
  }

  private static String entryName(String name) {
    String path = name.startsWith("/") ? name.substring(1) : name;
    if (path.endsWith(".class")) {
      path = path.substring(0, path.length() - ".class".length()) + ".classdata";
    }
    return PREFIX + path;
  }
}
