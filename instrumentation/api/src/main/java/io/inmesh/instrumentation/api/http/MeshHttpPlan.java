package io.inmesh.instrumentation.api.http;

import io.inmesh.bootstrap.HttpHeaderReader;
import io.inmesh.bootstrap.HttpHeaderWriter;
import io.inmesh.bootstrap.HttpPlan;
import io.inmesh.engine.HeaderSink;
import io.inmesh.engine.LocalReply;
import io.inmesh.engine.MeshCall;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.SocketAddress;
import java.util.List;

/** {@link HttpPlan} over the engine's {@link MeshCall}: a thin translation to JDK types. */
final class MeshHttpPlan implements HttpPlan {
  private final MeshCall call;
  private final OutboundRequest request;

  MeshHttpPlan(MeshCall call, OutboundRequest request) {
    this.call = call;
    this.request = request;
  }

  @Override
  public long delayNanos() {
    return call.delayNanos();
  }

  @Override
  public boolean hasLocalReply() {
    return call.localReply() != null;
  }

  @Override
  public int localStatus() {
    LocalReply r = call.localReply();
    return r == null ? -1 : r.status();
  }

  @Override
  public int localGrpcStatus() {
    LocalReply r = call.localReply();
    return r == null ? -1 : r.grpcStatus();
  }

  @Override
  public String[] localHeaders() {
    LocalReply r = call.localReply();
    if (r == null) {
      return new String[0];
    }
    List<HeaderValueOption> headers = r.headers();
    String[] out = new String[headers.size() * 2];
    for (int i = 0; i < headers.size(); i++) {
      out[2 * i] = headers.get(i).name();
      out[2 * i + 1] = headers.get(i).value();
    }
    return out;
  }

  @Override
  public String localBody() {
    LocalReply r = call.localReply();
    return r == null ? null : r.body();
  }

  @Override
  public boolean beginAttempt() {
    return call.beginAttempt() != null;
  }

  @Override
  public String endpointHost() {
    SocketAddress a = call.endpoint();
    return a == null ? null : a.host();
  }

  @Override
  public int endpointPort() {
    SocketAddress a = call.endpoint();
    return a == null ? -1 : a.port();
  }

  @Override
  public String authority() {
    return call.authority();
  }

  @Override
  public String pathAndQuery() {
    return call.pathAndQuery();
  }

  @Override
  public boolean pathRewritten() {
    return !call.path().equals(request.path());
  }

  @Override
  public boolean hasHeaderMutations() {
    return call.hasHeaderMutations();
  }

  @Override
  public void applyHeaders(HttpHeaderWriter writer) {
    call.applyHeaders(
        new HeaderSink() {
          @Override
          public void set(String name, String value) {
            writer.set(name, value);
          }

          @Override
          public void append(String name, String value) {
            writer.append(name, value);
          }

          @Override
          public void remove(String name) {
            writer.remove(name);
          }
        });
  }

  @Override
  public long attemptTimeoutNanos() {
    return call.attemptTimeoutNanos();
  }

  @Override
  public long onResponse(int status, HttpHeaderReader headers) {
    return call.onResponse(status, -1, headers == null ? name -> null : headers::header);
  }

  @Override
  public long onFailure(int failure) {
    return call.onFailure(AttemptFailures.of(failure));
  }

  @Override
  public void cancel() {
    call.cancel();
  }

  @Override
  public String toString() {
    return "HttpPlan[" + call.cluster() + " " + call.endpoint() + "]";
  }
}
