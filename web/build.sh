#!/bin/sh
# Copy the pinned front-end libraries from node_modules into the Python package's static folder.
#
#   cd web && npm ci && npm run build
#
# Only needed when upgrading a library: the copies (with their licences) are committed under
# src/eventcoder/web/static/vendor/, so installing or running eventcoder never needs npm or a
# network. .npmrc sets ignore-scripts: no package's install script runs (swagger-ui-dist pulls in
# a telemetry package, @scarf/scarf, whose postinstall must not run).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mods="$here/node_modules"
dest="$here/../src/eventcoder/web/static/vendor"
version() { node -p "require('$mods/$1/package.json').version"; }
mkdir -p "$dest"

# Chart.js: the UMD build (one file, no module loader needed); it inlines @kurkle/color.
cp "$mods/chart.js/dist/chart.umd.min.js" "$dest/chart.umd.min.js"
cp "$mods/chart.js/LICENSE.md" "$dest/chart.js.LICENSE.md"
cp "$mods/@kurkle/color/LICENSE.md" "$dest/kurkle-color.LICENSE.md"

# Swagger UI for /docs (FastAPI's default page loads it from a CDN; we serve it ourselves).
cp "$mods/swagger-ui-dist/swagger-ui-bundle.js" "$dest/swagger-ui-bundle.js"
cp "$mods/swagger-ui-dist/swagger-ui.css" "$dest/swagger-ui.css"
cp "$mods/swagger-ui-dist/LICENSE" "$dest/swagger-ui.LICENSE"
cp "$mods/swagger-ui-dist/NOTICE" "$dest/swagger-ui.NOTICE"
cp "$mods/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt" "$dest/swagger-ui-bundle.js.LICENSE.txt"

cat > "$dest/VERSIONS.txt" <<END
Copied from npm by web/build.sh (pins in web/package.json and web/package-lock.json).
chart.js $(version chart.js): dist/chart.umd.min.js; MIT (chart.js.LICENSE.md).
  It inlines @kurkle/color $(version @kurkle/color); MIT (kurkle-color.LICENSE.md).
swagger-ui-dist $(version swagger-ui-dist): swagger-ui-bundle.js, swagger-ui.css; Apache-2.0
  (swagger-ui.LICENSE, swagger-ui.NOTICE; bundled third-party notices in swagger-ui-bundle.js.LICENSE.txt).
END
echo "copied into $dest:"; cat "$dest/VERSIONS.txt"
