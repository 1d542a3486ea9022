#!/usr/bin/env bash
# Whole-process overhead benchmark: direct vs mesh.jar vs a haproxy hop vs the OpenTelemetry agent.
# Usage: benchmarks/run.sh [--quick] [OverheadBenchmark options, e.g. --rounds 5 --clients jdk]
# Builds mesh.jar and the benchmarks jar, then prints a Markdown report and writes it under
# benchmarks/target/overhead/. The full run takes about 8-10 minutes on 2 cores; --quick about 1.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -DskipTests install -pl benchmarks -am

if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  echo "note: haproxy is not installed (apt-get install haproxy); its variant will be skipped" >&2
fi

out="benchmarks/target/overhead/report-$(date +%Y%m%d-%H%M%S).md"
exec java -cp benchmarks/target/benchmarks.jar io.inmesh.benchmarks.overhead.OverheadBenchmark \
  --agent agent/target/mesh.jar \
  --otel-agent benchmarks/target/otel/opentelemetry-javaagent.jar \
  --classpath benchmarks/target/benchmarks.jar \
  --work-dir benchmarks/target/overhead \
  --out "$out" \
  "$@"
