/**
 * The engine's metrics: {@link io.inmesh.engine.telemetry.MeshMetrics} is what the engine calls;
 * {@link io.inmesh.engine.telemetry.MeshMetrics#noop()} (the default) costs nothing, and {@link
 * io.inmesh.engine.telemetry.OtelMeshMetrics} records through the OpenTelemetry SDK and exports
 * over Prometheus or OTLP as chosen by {@link io.inmesh.engine.telemetry.MetricsSetting}.
 */
package io.inmesh.engine.telemetry;
