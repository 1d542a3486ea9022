package io.inmesh.it.apps;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Prints a deterministic transcript that touches DNS and sockets, then exits with code 7. */
public final class HelloApp {
  private HelloApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("hello " + String.join(",", args));
    System.out.println("localhost=" + InetAddress.getByName("localhost").isLoopbackAddress());
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      OutputStream out = client.getOutputStream();
      out.write("ping".getBytes("UTF-8"));
      out.flush();
      InputStream in = accepted.getInputStream();
      System.out.println("received=" + new String(in.readNBytes(4), "UTF-8"));
    }
    System.err.println("app stderr line");
    System.exit(7);
  }
}
