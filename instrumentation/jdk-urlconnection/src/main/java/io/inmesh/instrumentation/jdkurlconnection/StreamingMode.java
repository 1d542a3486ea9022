package io.inmesh.instrumentation.jdkurlconnection;

import java.lang.reflect.Field;
import java.net.HttpURLConnection;

/**
 * Reads whether the app asked for a streamed body ({@code setChunkedStreamingMode}, {@code
 * setFixedLengthStreamingMode}): such a body is written once to the wire and cannot be replayed.
 * The fields are protected members of {@code java.net.HttpURLConnection} without getters; the agent
 * has java.net opened to it.
 */
final class StreamingMode {
  private static final Field CHUNK = field("chunkLength");
  private static final Field FIXED = field("fixedContentLength");
  private static final Field FIXED_LONG = field("fixedContentLengthLong");

  private final int chunkLength;
  private final long fixedLength;

  private StreamingMode(int chunkLength, long fixedLength) {
    this.chunkLength = chunkLength;
    this.fixedLength = fixedLength;
  }

  static StreamingMode of(HttpURLConnection c) {
    try {
      long fixed = FIXED_LONG.getLong(c);
      if (fixed == -1) {
        fixed = FIXED.getInt(c);
      }
      return new StreamingMode(CHUNK.getInt(c), fixed);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean streaming() {
    return chunkLength != -1 || fixedLength != -1;
  }

  /** Asks {@code c} for the same mode. */
  void applyTo(HttpURLConnection c) {
    if (chunkLength != -1) {
      c.setChunkedStreamingMode(chunkLength);
    } else if (fixedLength != -1) {
      c.setFixedLengthStreamingMode(fixedLength);
    }
  }

  private static Field field(String name) {
    try {
      Field f = HttpURLConnection.class.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
