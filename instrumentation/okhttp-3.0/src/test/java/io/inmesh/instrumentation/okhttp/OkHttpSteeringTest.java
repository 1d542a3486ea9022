package io.inmesh.instrumentation.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OkHttpSteeringTest {
  private static String ip(int i) {
    return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
  }

  @Test
  void tableDoesNotGrowAcrossEndpointChurn() throws Exception {
    int max = 0;
    // Twenty times the bound of endpoints that each show up for a while and leave.
    for (int i = 0; i < 20 * OkHttpSteering.MAX_ENDPOINTS; i++) {
      OkHttpSteering.endpoint(ip(i), 8080);
      max = Math.max(max, OkHttpSteering.size());
    }

    assertThat(max).isLessThanOrEqualTo(OkHttpSteering.MAX_ENDPOINTS);
  }

  @Test
  void endpointInUseKeepsItsPortThroughChurnAndPortsStayDistinct() throws Exception {
    SteeredEndpoint hot = OkHttpSteering.endpoint("192.168.7.7", 9080);
    for (int i = 0; i < 5 * OkHttpSteering.MAX_ENDPOINTS; i++) {
      OkHttpSteering.endpoint(ip(1_000_000 + i), 9080);
      assertThat(OkHttpSteering.endpoint("192.168.7.7", 9080)).isSameAs(hot);
    }

    // The latest endpoints are all in the table, each with a port of its own.
    Set<Integer> ports = new HashSet<>();
    ports.add(hot.port);
    int live = OkHttpSteering.MAX_ENDPOINTS - 1;
    for (int i = 5 * OkHttpSteering.MAX_ENDPOINTS - live;
        i < 5 * OkHttpSteering.MAX_ENDPOINTS;
        i++) {
      ports.add(OkHttpSteering.endpoint(ip(1_000_000 + i), 9080).port);
    }
    assertThat(ports).hasSize(OkHttpSteering.MAX_ENDPOINTS).allMatch(p -> p >= 1 && p <= 65535);
  }

  @Test
  void endpointThatLeftAndCameBackGetsAFreshEntry() throws Exception {
    SteeredEndpoint first = OkHttpSteering.endpoint("172.16.0.1", 8443);
    for (int i = 0; i < 2 * OkHttpSteering.MAX_ENDPOINTS; i++) {
      OkHttpSteering.endpoint(ip(3_000_000 + i), 8443);
    }

    SteeredEndpoint again = OkHttpSteering.endpoint("172.16.0.1", 8443);

    assertThat(again).isNotSameAs(first);
    assertThat(again.dns).isEqualTo(first.dns);
    assertThat(again.port).as("a port not handed out again so soon").isNotEqualTo(first.port);
  }
}
