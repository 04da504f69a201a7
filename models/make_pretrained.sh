#!/usr/bin/env bash
# Rebuilds models/digits-cnn-0to4 (the pretrained model the repository ships) from datasets/digits.csv.
# Deterministic on the CPU: the same files each time. Needs the build (./lepton build).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
exec "$JAVA" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dai.djl.offline=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "kernel-ext/target/lib/*" models/MakePretrained.java "${1:-models/digits-cnn-0to4}"
