#!/usr/bin/env bash
# Rebuilds the vendored minutes editor from npm, reproducibly (exact versions in package-lock.json):
#   bash frontend/minutes-editor/build.sh
# Installs into a temporary folder (never the project's node_modules, which holds the quality-gate tools),
# bundles entry.js with esbuild into one minified IIFE, and gathers the licences of everything bundled.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(node -p "require('$here/package.json').devDependencies['@tiptap/core']")"
out="$here/../../static/vendor/tiptap-$version"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

mkdir -p "$out"
(cd "$work" && ./node_modules/.bin/esbuild entry.js --bundle --format=iife --global-name=PortalTiptap \
  --minify --target=es2020 --legal-comments=none --outfile="$out/tiptap.min.js" --metafile=meta.json)

# One licence file for every package that ended up in the bundle.
(cd "$work" && node -e '
  const fs = require("fs"), path = require("path");
  const meta = JSON.parse(fs.readFileSync("meta.json"));
  const packages = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    if (m) packages.add(m[1]);
  }
  let text = "Licences of the packages bundled in tiptap.min.js (built by frontend/minutes-editor/build.sh).\n";
  for (const name of [...packages].sort()) {
    const dir = path.join("node_modules", name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json")));
    const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    text += `\n==== ${name} ${pkg.version} (${pkg.license}) ====\n\n`;
    text += file ? fs.readFileSync(path.join(dir, file), "utf8").trim() + "\n" : "(no licence file in the package)\n";
  }
  fs.writeFileSync(process.argv[1], text);
' "$out/LICENSES.txt")
echo "Built $out/tiptap.min.js ($(wc -c < "$out/tiptap.min.js") bytes) and LICENSES.txt"
