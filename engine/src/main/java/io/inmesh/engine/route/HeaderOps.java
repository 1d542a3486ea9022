package io.inmesh.engine.route;

import io.inmesh.engine.HeaderSink;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.model.HeaderMutations;
import io.inmesh.model.HeaderValueOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The request header mutations of one route target, flattened in Envoy's default order: weighted
 * cluster, route, virtual host, route configuration (each level removes, then adds). Since later
 * operations overwrite earlier ones, the least specific level wins a conflict, which is Envoy's
 * behaviour while {@code most_specific_header_mutations_wins} is false (the model carries no such
 * flag, so that default is the only mode).
 */
public final class HeaderOps {
  /** No mutations. */
  public static final HeaderOps NONE = new HeaderOps(new Op[0]);

  private static final int REMOVE = 0;
  private static final int SET = 1;
  private static final int APPEND = 2;
  private static final int SET_IF_ABSENT = 3;

  private record Op(int kind, String name, String value) {}

  private final Op[] ops;

  private HeaderOps(Op[] ops) {
    this.ops = ops;
  }

  /** Flattens levels given from most to least specific. */
  public static HeaderOps of(HeaderMutations... levels) {
    List<Op> ops = new ArrayList<>();
    for (HeaderMutations level : levels) {
      if (level == null) {
        continue;
      }
      for (String name : level.remove()) {
        ops.add(new Op(REMOVE, lower(name), null));
      }
      for (HeaderValueOption h : level.add()) {
        int kind = h.keepIfPresent() ? SET_IF_ABSENT : h.append() ? APPEND : SET;
        ops.add(new Op(kind, lower(h.name()), h.value()));
      }
    }
    return ops.isEmpty() ? NONE : new HeaderOps(ops.toArray(new Op[0]));
  }

  private static String lower(String s) {
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  public boolean isEmpty() {
    return ops.length == 0;
  }

  /**
   * Replays the mutations onto the adapter's request. "Add if absent" consults the app's original
   * headers and the names removed or set earlier in this list.
   */
  public void apply(OutboundRequest request, HeaderSink sink) {
    for (int i = 0; i < ops.length; i++) {
      Op op = ops[i];
      switch (op.kind) {
        case REMOVE -> sink.remove(op.name);
        case SET -> sink.set(op.name, op.value);
        case APPEND -> sink.append(op.name, op.value);
        default -> {
          if (!presentAfter(request, op.name, i)) {
            sink.set(op.name, op.value);
          }
        }
      }
    }
  }

  private boolean presentAfter(OutboundRequest request, String name, int upTo) {
    boolean present = request.headers().get(name) != null;
    for (int i = 0; i < upTo; i++) {
      if (ops[i].name.equals(name)) {
        present = ops[i].kind != REMOVE;
      }
    }
    return present;
  }
}
