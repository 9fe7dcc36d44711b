#!/usr/bin/env bash
# Lighthouse scores of the sample site's home page, a post and the contact page, with Debian's chromium.
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
# A static server that also answers the contact form's token request ({"intent":"token"}) as its backend
# does, so that the contact page's script gets what it asks for (edgepress:serve answers it for real).
python3 - "$port" "$site" >/dev/null 2>&1 <<'PY' &
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"token":"lighthouse"}' if self.path == "/api/contact" else b'{"ok":false}'
        self.send_response(200 if self.path == "/api/contact" else 404)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
PY
server=$!
sleep 1
for page in "" "posts/markdown-tips/" "contact/"; do
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
