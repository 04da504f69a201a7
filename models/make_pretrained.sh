#!/usr/bin/env bash
# Rebuilds models/digits-cnn-0to4 (the pretrained model the repository ships) from datasets/digits.csv.
# Deterministic on the CPU: the same files each time. Needs the build (./lepton build).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
exec "$JAVA" @base/src/main/resources/ai/lepton/base/jvm.options -cp "lepton-magics/target/lib/*" models/MakePretrained.java \
  "${1:-models/digits-cnn-0to4}"
