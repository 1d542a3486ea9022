package io.inmesh.xds.ads;

import com.google.protobuf.Any;
import io.inmesh.xds.decode.DecodedResource;

/**
 * An accepted resource: its decoded form, and the raw bytes as received (kept for the
 * last-known-good file).
 *
 * @param version the per-resource version (delta) or the response's version (SotW)
 */
record ResourceEntry(DecodedResource decoded, Any raw, String version) {}
