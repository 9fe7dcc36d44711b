#!/usr/bin/env bash
# Lighthouse scores of the sample site's home page and a post, with Debian's chromium.
# Needs node/npm and chromium; installs lighthouse 12 into a temporary folder (not into the repo).
# Usage: scripts/lighthouse.sh   (after: mvn -B -pl sample-site -am verify -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
site=sample-site/target/site
[ -f "$site/index.html" ] || { echo "Build the sample site first: mvn -B -pl sample-site -am verify -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null)
port=8765
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
sleep 1
for page in "" "posts/markdown-tips/"; do
  "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" --quiet --output=json --output-path="$work/report.json" \
    --chrome-path=/usr/bin/chromium \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run"
  python3 - "$work/report.json" "/$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(sys.argv[2], " ".join(f"{k}={round(v['score'] * 100)}" for k, v in r["categories"].items()))
PY
done
css=$(grep -o 'css/style\.[0-9a-f]*\.css' "$site/index.html" | head -1)
echo "home page: HTML $(stat -c %s "$site/index.html") bytes, CSS $(stat -c %s "$site/$css") bytes, no JavaScript"
