package io.inmesh.xds.decode;

import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HeaderMutations;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Conversions of Envoy's small common messages, with their validation rules. */
final class Values {
  private Values() {}

  /** A duration that must not be negative. */
  static Duration duration(com.google.protobuf.Duration d, String path) {
    if (d.getSeconds() < 0 || d.getNanos() < 0 || d.getNanos() > 999_999_999) {
      throw new Invalid(path, "must be a non-negative duration, got " + d.getSeconds() + "s");
    }
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }

  /** A duration that must be strictly positive (Envoy's {@code gt: {}} rule). */
  static Duration positiveDuration(com.google.protobuf.Duration d, String path) {
    Duration value = duration(d, path);
    if (value.isZero()) {
      throw new Invalid(path, "must be greater than 0");
    }
    return value;
  }

  static FractionalPercent fraction(io.envoyproxy.envoy.type.v3.FractionalPercent p, String path) {
    long denominator =
        switch (p.getDenominator()) {
          case HUNDRED -> 100;
          case TEN_THOUSAND -> 10_000;
          case MILLION -> 1_000_000;
          default ->
              throw new Invalid(path + ".denominator", "unknown value " + p.getDenominatorValue());
        };
    return new FractionalPercent(Integer.toUnsignedLong(p.getNumerator()), denominator);
  }

  /** A runtime fraction: the mesh has no runtime, so the default value is the value. */
  static FractionalPercent runtimeFraction(RuntimeFractionalPercent p, String path) {
    return fraction(p.getDefaultValue(), path + ".default_value");
  }

  /** Envoy's {@code type.v3.Percent} (0..100). */
  static double percent(io.envoyproxy.envoy.type.v3.Percent p, String path) {
    double value = p.getValue();
    if (!(value >= 0 && value <= 100)) {
      throw new Invalid(path, "must be between 0 and 100, got " + value);
    }
    return value;
  }

  static int percentInt(com.google.protobuf.UInt32Value v, int defaultValue, String path) {
    if (v == null) {
      return defaultValue;
    }
    int value = v.getValue();
    if (Integer.compareUnsigned(value, 100) > 0) {
      throw new Invalid(path, "must be at most 100, got " + Integer.toUnsignedString(value));
    }
    return value;
  }

  /** An unsigned 32-bit value as a Java int, clamped at Integer.MAX_VALUE. */
  static int uint32(int raw) {
    return raw < 0 ? Integer.MAX_VALUE : raw;
  }

  static SocketAddress socketAddress(io.envoyproxy.envoy.config.core.v3.Address a, String path) {
    if (!a.hasSocketAddress()) {
      throw new Invalid(path, "only socket_address is supported, got " + a.getAddressCase());
    }
    io.envoyproxy.envoy.config.core.v3.SocketAddress s = a.getSocketAddress();
    String p = path + ".socket_address";
    if (s.getAddress().isEmpty()) {
      throw new Invalid(p + ".address", "must not be empty");
    }
    if (s.getPortSpecifierCase()
        == io.envoyproxy.envoy.config.core.v3.SocketAddress.PortSpecifierCase.NAMED_PORT) {
      throw new Invalid(p + ".named_port", "named ports are not supported, use port_value");
    }
    if (s.getPortValue() > 65535) {
      throw new Invalid(p + ".port_value", "must be at most 65535, got " + s.getPortValue());
    }
    return new SocketAddress(s.getAddress(), s.getPortValue());
  }

  static HeaderMutations headerMutations(
      List<io.envoyproxy.envoy.config.core.v3.HeaderValueOption> add,
      List<String> remove,
      String path) {
    if (add.isEmpty() && remove.isEmpty()) {
      return HeaderMutations.NONE;
    }
    List<HeaderValueOption> adds = new ArrayList<>(add.size());
    for (int i = 0; i < add.size(); i++) {
      adds.add(headerValueOption(add.get(i), path + "request_headers_to_add[" + i + "]"));
    }
    List<String> removes = new ArrayList<>(remove.size());
    for (int i = 0; i < remove.size(); i++) {
      String name = remove.get(i);
      if (name.isEmpty()) {
        throw new Invalid(path + "request_headers_to_remove[" + i + "]", "must not be empty");
      }
      removes.add(name.toLowerCase(java.util.Locale.ROOT));
    }
    return new HeaderMutations(adds, removes);
  }

  static HeaderValueOption headerValueOption(
      io.envoyproxy.envoy.config.core.v3.HeaderValueOption o, String path) {
    String key = o.getHeader().getKey();
    if (key.isEmpty()) {
      throw new Invalid(path + ".header.key", "must not be empty");
    }
    String value =
        o.getHeader().getRawValue().isEmpty()
            ? o.getHeader().getValue()
            : o.getHeader().getRawValue().toStringUtf8();
    String name = key.toLowerCase(java.util.Locale.ROOT);
    if (o.hasAppend()) {
      if (o.getAppendAction() != HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD) {
        throw new Invalid(path, "append and append_action are mutually exclusive");
      }
      return new HeaderValueOption(name, value, o.getAppend().getValue(), false);
    }
    return switch (o.getAppendAction()) {
      case APPEND_IF_EXISTS_OR_ADD -> new HeaderValueOption(name, value, true, false);
      case ADD_IF_ABSENT -> new HeaderValueOption(name, value, false, true);
      // OVERWRITE_IF_EXISTS (do nothing when absent) has no model form; overwriting is the
      // nearest behaviour and only differs when the header is missing.
      case OVERWRITE_IF_EXISTS_OR_ADD, OVERWRITE_IF_EXISTS ->
          new HeaderValueOption(name, value, false, false);
      default ->
          throw new Invalid(path + ".append_action", "unknown value " + o.getAppendActionValue());
    };
  }
}
