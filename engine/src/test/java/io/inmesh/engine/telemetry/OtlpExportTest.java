package io.inmesh.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OtlpExportTest {
  @Test
  void closingFlushesAProtobufExportToTheCollector() throws Exception {
    HttpServer collector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    collector.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          // Metric and attribute names travel as plain strings inside the protobuf body.
          String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
          received.add(
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestURI().getPath()
                  + " "
                  + ex.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + text);
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    collector.start();
    try {
      int port = collector.getAddress().getPort();
      MeshMetrics m =
          OtelMeshMetrics.start(
              MetricsSetting.parse("otlp:http://127.0.0.1:" + port),
              r -> {
                Thread t = new Thread(r, "test-otlp");
                t.setDaemon(true);
                return t;
              });
      m.route("r1", "svc").retry();
      m.cluster("svc").overflow(BreakerResource.RETRIES);
      m.close(); // shutdown exports what was recorded
      String export = received.poll(10, TimeUnit.SECONDS);
      assertThat(export).isNotNull();
      assertThat(export).startsWith("POST /v1/metrics application/x-protobuf");
      assertThat(export)
          .contains("inmesh.retries")
          .contains("inmesh.circuit_breaker.overflows")
          .contains("svc")
          .contains("r1");
    } finally {
      collector.stop(0);
    }
  }
}
