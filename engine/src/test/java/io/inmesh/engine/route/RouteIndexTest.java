package io.inmesh.engine.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.HeaderView;
import io.inmesh.engine.SimpleRequest;
import io.inmesh.model.HeaderMatcher;
import io.inmesh.model.PathMatch;
import io.inmesh.model.RouteMatch;
import io.inmesh.model.StringMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The route index must never change which route wins: for random route tables and random requests
 * the indexed match equals the first match of a linear walk.
 */
class RouteIndexTest {
  /** Few, overlapping segments, so that prefixes of each other and collisions are common. */
  private static final String[] SEGMENTS = {"", "a", "ab", "abc", "b", "api", "API", "v1", "x"};

  @Test
  void indexedMatchEqualsLinearMatchOnRandomTables() {
    Random random = new Random(20240611L);
    int tables = 400;
    int requestsPerTable = 300;
    int indexed = 0;
    int matched = 0;
    for (int t = 0; t < tables; t++) {
      int size = 1 + random.nextInt(60);
      VirtualHostEntry vh = new VirtualHostEntry("vh", randomRoutes(random, size));
      if (size >= RouteIndex.MIN_ROUTES) {
        indexed++;
      }
      for (int r = 0; r < requestsPerTable; r++) {
        SimpleRequest request = randomRequest(random);
        RouteEntry expected = vh.matchLinear(request);
        RouteEntry actual = vh.match(request);
        assertThat(actual)
            .as("table %d, request %s %s", t, request.path(), request.headers().get("x-h"))
            .isSameAs(expected);
        if (expected != null) {
          matched++;
        }
      }
    }
    // The generator must exercise both outcomes and mostly indexed tables to mean anything.
    assertThat(indexed).isGreaterThan(tables * 3 / 4);
    assertThat(matched)
        .isBetween(tables * requestsPerTable / 10, tables * requestsPerTable * 9 / 10);
  }

  @Test
  void earlierCatchAllRouteStillWinsOverLaterKeyedRoute() {
    List<RouteEntry> routes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      routes.add(route("k" + i, new PathMatch.Prefix("/svc" + i + "/"), true));
    }
    routes.add(route("regex-any", new PathMatch.Regex(".*/special"), true));
    routes.add(route("svc3-exact", new PathMatch.Exact("/svc3/special"), true));
    routes.add(route("ci", new PathMatch.Prefix("/SVC4/"), false));
    routes.add(route("svc4", new PathMatch.Prefix("/svc4/x"), true));
    VirtualHostEntry vh = new VirtualHostEntry("vh", routes.toArray(new RouteEntry[0]));

    // "/svc3/special" is claimed by route k3 before anything else.
    assertThat(vh.match(get("/svc3/special")).name()).isEqualTo("k3");
    // A path outside every bucket still reaches the unkeyed regex route.
    assertThat(vh.match(get("/other/special")).name()).isEqualTo("regex-any");
    // The case-insensitive route is a candidate for every path, ahead of the later keyed one.
    assertThat(vh.match(get("/Svc4/x")).name()).isEqualTo("ci");
    assertThat(vh.match(get("/nothing"))).isNull();
  }

  @Test
  void segmentPrefixRouteServesEveryKeyItPrefixes() {
    List<RouteEntry> routes = new ArrayList<>();
    routes.add(route("api-exact", new PathMatch.Exact("/api"), true));
    routes.add(route("ap-prefix", new PathMatch.Prefix("/ap"), true));
    for (int i = 0; i < 8; i++) {
      routes.add(route("apis" + i, new PathMatch.SeparatedPrefix("/apis" + i), true));
    }
    VirtualHostEntry vh = new VirtualHostEntry("vh", routes.toArray(new RouteEntry[0]));

    assertThat(vh.match(get("/api")).name()).isEqualTo("api-exact");
    assertThat(vh.match(get("/apis2/z")).name()).isEqualTo("ap-prefix");
    assertThat(vh.match(get("/apple")).name()).isEqualTo("ap-prefix");
    assertThat(vh.match(get("/b"))).isNull();
  }

  private static SimpleRequest get(String path) {
    return new SimpleRequest("http", "svc", 80, null, "GET", path, null, null, true);
  }

  private static RouteEntry route(String name, PathMatch path, boolean caseSensitive) {
    return new RouteEntry(
        name,
        new CompiledRouteMatch(
            new RouteMatch(path, caseSensitive, List.of(), List.of(), null, false)),
        RouteEntry.Kind.FORWARD);
  }

  private static RouteEntry[] randomRoutes(Random random, int size) {
    RouteEntry[] routes = new RouteEntry[size];
    for (int i = 0; i < size; i++) {
      String literal = randomPath(random, 3);
      PathMatch path =
          switch (random.nextInt(7)) {
            case 0, 1 -> new PathMatch.Prefix(literal);
            case 2 -> new PathMatch.Prefix(literal + "/");
            case 3 -> new PathMatch.Exact(literal);
            case 4 -> new PathMatch.SeparatedPrefix(literal);
            case 5 -> new PathMatch.Regex(literal + "(/[a-z0-9]+)*");
            default ->
                new PathMatch.Regex(
                    random.nextBoolean() ? "/a?b.*" : ".*" + SEGMENTS[random.nextInt(4)]);
          };
      if (random.nextInt(20) == 0) {
        path = new PathMatch.Prefix(random.nextBoolean() ? "/" : "");
      }
      List<HeaderMatcher> headers =
          random.nextInt(4) == 0
              ? List.of(
                  new HeaderMatcher(
                      "x-h",
                      new HeaderMatcher.Text(StringMatcher.exact("" + random.nextInt(3))),
                      false,
                      false))
              : List.of();
      boolean caseSensitive = random.nextInt(6) != 0;
      routes[i] =
          new RouteEntry(
              "r" + i,
              new CompiledRouteMatch(
                  new RouteMatch(path, caseSensitive, headers, List.of(), null, false)),
              RouteEntry.Kind.FORWARD);
    }
    return routes;
  }

  private static SimpleRequest randomRequest(Random random) {
    String path = randomPath(random, 4);
    if (random.nextBoolean()) {
      path += "/";
    }
    if (path.isEmpty() || random.nextInt(30) == 0) {
      path = random.nextBoolean() ? "/" : "//a";
    }
    String h = random.nextInt(3) == 0 ? null : "" + random.nextInt(3);
    HeaderView headers = name -> name.equals("x-h") ? h : null;
    return new SimpleRequest("http", "svc", 80, null, "GET", path, null, headers, true);
  }

  /** {@code /seg/seg...} with 1 to {@code maxSegments} segments (a segment may be empty). */
  private static String randomPath(Random random, int maxSegments) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(maxSegments);
    for (int i = 0; i < n; i++) {
      b.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
      if (random.nextInt(5) == 0) {
        b.append(random.nextInt(3));
      }
    }
    return b.toString();
  }
}
