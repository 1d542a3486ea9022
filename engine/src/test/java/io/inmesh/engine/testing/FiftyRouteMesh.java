package io.inmesh.engine.testing;

import static io.inmesh.engine.testing.MeshFixture.cluster;
import static io.inmesh.engine.testing.MeshFixture.listener;
import static io.inmesh.engine.testing.MeshFixture.routes;
import static io.inmesh.engine.testing.MeshFixture.vhost;

import io.inmesh.engine.HeaderView;
import io.inmesh.engine.SimpleRequest;
import io.inmesh.model.Cluster;
import io.inmesh.model.FaultConfig;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HeaderMatcher;
import io.inmesh.model.HttpFilter;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.PathMatch;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteMatch;
import io.inmesh.model.StringMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision-cost benchmark's mesh: one listener {@code bench:8080} whose virtual host has 50
 * routes (prefix, exact, separated prefix, header-matched and two regex routes, most to distinct
 * clusters), five round-robin clusters of three endpoints, and a fault filter that is evaluated on
 * every call but never fires. {@link #request()} matches route 46, so a decision walks almost the
 * whole table.
 */
public final class FiftyRouteMesh {
  /** The listener's host and port. */
  public static final String HOST = "bench";

  public static final int PORT = 8080;

  private FiftyRouteMesh() {}

  public static MeshSnapshot snapshot() {
    List<Cluster> clusters = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      clusters.add(
          cluster(
              "backend-" + c,
              "10.0." + c + ".1:8080",
              "10.0." + c + ".2:8080",
              "10.0." + c + ".3:8080"));
    }
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < 49; i++) {
      String cluster = "backend-" + (i % 5);
      PathMatch path =
          switch (i % 4) {
            case 0 -> new PathMatch.Prefix("/svc" + i + "/");
            case 1 -> new PathMatch.Exact("/api/v1/item" + i);
            case 2 -> new PathMatch.SeparatedPrefix("/sep" + i);
            default -> new PathMatch.Prefix("/hdr" + i);
          };
      if (i == 10 || i == 30) {
        path = new PathMatch.Regex("/re" + i + "/[a-z]+/[0-9]+");
      }
      List<HeaderMatcher> headers =
          i % 4 == 3 || i == 46
              ? List.of(
                  new HeaderMatcher(
                      "x-tenant",
                      new HeaderMatcher.Text(StringMatcher.exact("t" + i)),
                      false,
                      false))
              : List.of();
      RouteMatch match = new RouteMatch(path, true, headers, List.of(), null, false);
      routes.add(new Route("route-" + i, match, RouteAction.Forward.to(cluster), null, null));
    }
    routes.add(
        new Route(
            "default", RouteMatch.prefix("/"), RouteAction.Forward.to("backend-0"), null, null));
    FaultConfig neverFires =
        new FaultConfig(
            null,
            new FaultConfig.Abort(503, null, false, FractionalPercent.NEVER),
            null,
            null,
            null,
            null);
    return MeshFixture.snapshot(
        List.of(
            listener(
                HOST + ":" + PORT,
                routes(
                    "bench-routes",
                    vhost("bench", List.of(HOST, HOST + ":" + PORT), routes.toArray(new Route[0]))),
                new HttpFilter("envoy.filters.http.fault", neverFires))),
        clusters);
  }

  /** A GET that matches {@code route-46} (cluster {@code backend-1}). */
  public static SimpleRequest request() {
    HeaderView headers = name -> name.equals("x-tenant") ? "t46" : null;
    return new SimpleRequest(
        "http", HOST, PORT, HOST + ":" + PORT, "GET", "/sep46/items", "page=2", headers, true);
  }
}
