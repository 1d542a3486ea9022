#!/usr/bin/env bash
# The inmesh demo in one command: builds the agent and the samples, runs a bookinfo-like mesh on
# loopback with every service under -javaagent:mesh.jar, prints what the mesh did, shifts all
# traffic to reviews v3 by editing the mesh file, shows it take effect, and stops everything.
#
#   ./demo.sh            # 1000 requests per phase
#   ./demo.sh --quick    # 300 requests per phase
#
# Set INMESH_DEMO_SKIP_BUILD=1 to reuse what an earlier run built.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${INMESH_DEMO_SKIP_BUILD:-}" != "1" ]]; then
  echo "Building the agent and the samples (the first run downloads dependencies)..."
  ./mvnw -B -q -DskipTests install -pl agent,samples/demo -am
fi

classpath="samples/demo/target/classes:$(cat samples/demo/target/demo.classpath)"
exec java -cp "$classpath" io.inmesh.samples.demo.Demo --agent agent/target/mesh.jar "$@"
