package io.inmesh.it.apps;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Calls a URL first thing in {@code main}, as apps that fetch remote config at startup do, then
 * {@code args[1]} more times; with {@code args[2]}, prints that URL's body (a metrics scrape).
 * Prints {@code CALL <status> <x-backend>} per call, or {@code CALL error <exception>}. With {@code
 * dns <name>} it looks the name up instead, first thing, and prints {@code RESOLVED <addresses>} or
 * {@code RESOLVED error <exception>}.
 */
public final class FirstCallApp {
  private FirstCallApp() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("dns")) {
      try {
        System.out.println("RESOLVED " + Arrays.toString(InetAddress.getAllByName(args[1])));
      } catch (Exception e) {
        System.out.println("RESOLVED error " + e);
      }
      return;
    }
    HttpClient client = HttpClient.newHttpClient();
    int calls = 1 + (args.length > 1 ? Integer.parseInt(args[1]) : 0);
    for (int i = 0; i < calls; i++) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(
            "CALL "
                + response.statusCode()
                + " "
                + response.headers().firstValue("x-backend").orElse("-"));
      } catch (Exception e) {
        System.out.println("CALL error " + e);
      }
    }
    if (args.length > 2) {
      HttpResponse<String> scrape =
          client.send(
              HttpRequest.newBuilder(URI.create(args[2])).build(),
              HttpResponse.BodyHandlers.ofString());
      scrape.body().lines().forEach(line -> System.out.println("METRIC " + line));
    }
  }
}
