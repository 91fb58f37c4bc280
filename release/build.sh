#!/usr/bin/env bash
# release/build.sh [DIR]: builds riskguide for every platform a partner may
# host it on, with a SHA256SUMS file and a CycloneDX software bill of
# materials, into DIR (default dist/, which git ignores). Plain `go build`,
# nothing downloaded but Go modules.
#
# The build is reproducible: the same commit gives the same bytes on every
# run and every machine with the same Go version. -trimpath drops this
# machine's paths; CGO_ENABLED=0 keeps the C toolchain out; the binaries
# carry no time but the commit's own (from -buildvcs), and the SBOM has no
# timestamp or random serial number. `riskguide version` reads the version,
# commit and date back from the binary (runtime/debug.ReadBuildInfo).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"

# Go stamps the commit only when .git is a folder: in a clone, not in a
# `git worktree` or an exported tree. A release that cannot say which
# commit it is would be unverifiable, so refuse.
if [ ! -d .git ]; then
  echo "release/build.sh: run it in a git clone (.git must be a folder, not a worktree's file): Go stamps the commit only there" >&2
  exit 1
fi
if [ -n "$(git status --porcelain)" ]; then
  echo "release/build.sh: warning: the work tree has uncommitted changes; the binaries will say so" >&2
fi

rm -rf "$out"
mkdir -p "$out"
export CGO_ENABLED=0
for target in linux/amd64 linux/arm64 windows/amd64 darwin/amd64 darwin/arm64; do
  goos="${target%/*}" goarch="${target#*/}"
  name="riskguide-$goos-$goarch"
  [ "$goos" = windows ] && name="$name.exe"
  echo "building $out/$name" >&2
  GOOS="$goos" GOARCH="$goarch" go build -trimpath -buildvcs=true -o "$out/$name" ./cmd/riskguide
done

# The SBOM lists the modules compiled into the command and the Go standard
# library, with the licences found in each module.
echo "writing $out/riskguide.cdx.json" >&2
go tool cyclonedx-gomod app -json -std -licenses -noserial -notimestamp \
  -main cmd/riskguide -output "$out/riskguide.cdx.json" .

(cd "$out" && sha256sum riskguide-* riskguide.cdx.json > SHA256SUMS)
cat "$out/SHA256SUMS"
