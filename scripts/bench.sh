#!/usr/bin/env bash
# Cold, no-op and one-edit builds, a no-op publish and serve's first and second start, of synthetic
# sites, timed side by side with Maven alone, Hugo and the floor (scripts/bench/Floor.java: the
# pages through commonmark-java and one Pebble template, nothing else, in a fresh JVM).
#
# Usage: scripts/bench.sh [SIZE...]        (default: 1000 10000)
#   RUNS=5        runs of each measurement; medians and (min-max) are printed
#   WORK=/tmp/edgepress-bench              where the sites are written (kept between runs)
#   GEN_CORPUS=../shared/bench/gen-corpus.py   the corpus generator
#   BASELINE_REPO=DIR  a Maven local repository holding another build of the plugin (say the last
#                 release: git worktree add /tmp/base v1 && cd /tmp/base && mvn install -DskipTests
#                 -Dmaven.repo.local=DIR, after copying ~/.m2/repository to DIR): each round then
#                 times it too, on a copy of the site, and the ratios to it are printed
# Needs: the plugin in the local repository (mvn -B install -DskipTests), python3, GNU time.
# Hugo (Debian: apt-get install hugo) is timed too when installed, with layouts of the same shape
# (scripts/bench/hugo): post pages with tags, prev/next and a table of contents over 400 words;
# paginated home, section and tag lists with summaries; RSS; sitemap.
#
# Each round runs every measurement once, so that a machine that drifts during the run drifts for
# all of them alike. Every Edgepress run is a whole `mvn` command with CI=true (no build daemon),
# so the figures are what a CI job sees; "own part" is the build minus Maven alone.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_CORPUS:-$repo/../shared/bench/gen-corpus.py}
runs=${RUNS:-5}
work=${WORK:-/tmp/edgepress-bench}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$repo/pom.xml" | head -1)
export CI=true
mkdir -p "$work"
[ -f "$gen" ] || { echo "No corpus generator at $gen; set GEN_CORPUS" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 1; }

# The floor (scripts/bench/Floor.java): commonmark-java and one Pebble template alone, no Maven, in a
# fresh JVM with the build's JVM options and a class-data archive of its own, timed in every round:
# what the libraries take for the pages alone, under what Edgepress's own part can ever be.
floor_cp=""
floor_jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxTenuringThreshold=0 -Xss2m -Xmx2g)
if command -v javac >/dev/null && command -v jar >/dev/null; then
  rm -rf "$work/floor"
  mkdir -p "$work/floor/classes"
  if (cd "$repo" && mvn -B -o -q -pl generator dependency:build-classpath -Dmdep.includeScope=runtime \
        -Dmdep.outputFile="$work/floor/cp.txt" >"$work/floor/mvn.log" 2>&1) \
      && javac -cp "$(cat "$work/floor/cp.txt")" -d "$work/floor/classes" "$repo/scripts/bench/Floor.java" \
      && jar cf "$work/floor/floor.jar" -C "$work/floor/classes" .; then
    floor_cp="$(cat "$work/floor/cp.txt"):$work/floor/floor.jar"
  else
    echo "The floor is not timed: its classpath or compilation failed (see $work/floor/mvn.log)" >&2
  fi
fi

# run LABEL DIR COMMAND...: runs the command in DIR, appends "wall_s peak_kb" to $work/LABEL.times
run() {
  local label=$1 dir=$2
  shift 2
  if ! (cd "$dir" && /usr/bin/time -f "%e %M" -o "$work/time.out" "$@" >"$work/run.log" 2>&1); then
    echo "FAILED: $label: $*" >&2
    tail -30 "$work/run.log" >&2
    exit 1
  fi
  cat "$work/time.out" >>"$work/$label.times"
}

# serve_start LABEL DIR [MVN-OPTION...]: seconds from `mvn edgepress:serve` until it says it is serving, appended to
# $work/LABEL.times; then it is stopped (after the 3 s its cache waits before being written)
serve_start() {
  local label=$1 dir=$2 start end pid port=$((18000 + RANDOM % 1000))
  shift 2
  start=$(date +%s.%N)
  (cd "$dir" && exec mvn -B -o "$@" edgepress:serve -Dedgepress.port=$port) >"$work/serve.log" 2>&1 &
  pid=$!
  until grep -q 'Serving' "$work/serve.log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "FAILED: $label" >&2
      tail -30 "$work/serve.log" >&2
      exit 1
    fi
    sleep 0.05
  done
  end=$(date +%s.%N)
  sleep 4
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f 0\n", b - a}' >>"$work/$label.times"
}

# aside DIR: moves DIR out of the way, to be deleted when the script ends. Deleting a big tree just
# before a clean build would time the file system instead: on this machine's ext4 (no journal),
# creating files within a minute of deleting thousands costs seconds of kernel time (it skips
# recently deleted inodes), for Edgepress and Hugo alike; a CI checkout has deleted nothing.
aside() {
  if [ -e "$1" ]; then
    mkdir -p "$work/trash"
    mv "$1" "$work/trash/$(date +%s%N)"
  fi
}
trap 'rm -rf "$work/trash"' EXIT

# edgepress_round PREFIX SITE ROUND [MVN-OPTION...]: one round of every Edgepress measurement,
# labelled PREFIXclean and so on
edgepress_round() {
  local p=$1 dir=$2 r=$3
  shift 3
  local post="$dir/content/posts/post-00001.md"
  run "${p}maven-alone" "$dir" mvn -B -o -q "$@" edgepress:build -Dedgepress.skip
  aside "$dir/target"
  run "${p}clean" "$dir" mvn -B -o -q "$@" edgepress:build
  run "${p}no-op" "$dir" mvn -B -o -q "$@" edgepress:build
  cp "$post" "$work/post.orig"
  echo "One more line, round $r." >>"$post"
  run "${p}one-edit" "$dir" mvn -B -o -q "$@" edgepress:build
  cp "$work/post.orig" "$post"
  # Publishing to the local folder store (no bucket): the first publish copies everything, the
  # next one, build included, is what a CI job runs on a commit that changed nothing.
  (cd "$dir" && mvn -B -o -q "$@" site-publish >"$work/run.log" 2>&1) || { tail -30 "$work/run.log"; exit 1; }
  run "${p}publish-no-op" "$dir" mvn -B -o -q "$@" site-publish
  # The preview: a first start builds it (none yet this round), a second finds it built.
  serve_start "${p}serve-first" "$dir" "$@"
  serve_start "${p}serve-again" "$dir" "$@"
}

# range LABEL: "(min-max)" of the wall times in $work/LABEL.times: this machine's runs of one command
# differ by 20-40%, so a median alone says less than it seems
range() {
  awk '{print $1}' "$work/$1.times" | sort -n | awk '{a[NR]=$1} END {printf "(%.2f-%.2f)", a[1], a[NR]}'
}

# median COLUMN LABEL: the median of one column of $work/LABEL.times
median() {
  awk -v c="$1" '{print $c}' "$work/$2.times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

for n in "${sizes[@]}"; do
  site="$work/site-$n"
  if [ ! -f "$site/content/posts/post-00000.md" ]; then
    python3 "$gen" "$site" "$n" >/dev/null
  fi
  printf 'title: Bench\nbaseUrl: https://bench.example.com/\n' >"$site/site.yaml"
  cat >"$site/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench-$n</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin><groupId>dev.edgepress</groupId><artifactId>edgepress-maven-plugin</artifactId>
    <version>$version</version><extensions>true</extensions></plugin></plugins></build>
</project>
EOF
  hugo_site=""
  if command -v hugo >/dev/null; then
    hugo_site="$work/hugo-$n"
    rm -rf "$hugo_site"
    mkdir -p "$hugo_site"
    cp -r "$repo/scripts/bench/hugo/." "$hugo_site/"
    cp -al "$site/content" "$hugo_site/content"
    cp -al "$site/static" "$hugo_site/static"
    sed -i "1i baseURL = \"https://bench.example.com/\"" "$hugo_site/config.toml"
  fi
  base_site=""
  if [ -n "${BASELINE_REPO:-}" ]; then
    # Its own copy of the site (another version may keep another cache), sharing the files.
    base_site="$work/site-$n-baseline"
    rm -rf "$base_site"
    mkdir -p "$base_site"
    cp -al "$site/content" "$site/static" "$base_site/"
    cp "$site/site.yaml" "$site/pom.xml" "$base_site/"
  fi
  rm -f "$work"/*.times
  if [ -n "$floor_cp" ]; then
    # One run to write the floor's class-data archive, as the plugin's first build does.
    rm -f "$work/floor/floor.jsa"
    java "${floor_jvm[@]}" -XX:ArchiveClassesAtExit="$work/floor/floor.jsa" -cp "$floor_cp" Floor \
      "$site/content" "$work/floor/out" >/dev/null 2>&1
  fi
  for r in $(seq "$runs"); do
    if [ -n "$floor_cp" ]; then
      aside "$work/floor/out"
      run floor "$work" java "${floor_jvm[@]}" -XX:SharedArchiveFile="$work/floor/floor.jsa" -cp "$floor_cp" Floor \
        "$site/content" "$work/floor/out"
    fi
    edgepress_round "" "$site" "$r"
    if [ -n "$base_site" ]; then
      edgepress_round base- "$base_site" "$r" "-Dmaven.repo.local=$BASELINE_REPO"
    fi
    if [ -n "$hugo_site" ]; then
      aside "$hugo_site/public"
      aside "$hugo_site/resources"
      run hugo "$hugo_site" hugo --quiet
    fi
  done
  alone=$(median 1 maven-alone)
  clean=$(median 1 clean)
  echo
  echo "== $n posts, medians of $runs (wall seconds, peak RSS of the largest process) on $(date -u +%F), $(nproc) cores"
  for label in maven-alone clean no-op one-edit publish-no-op serve-first serve-again floor hugo; do
    [ -f "$work/$label.times" ] || continue
    if [[ $label == serve-* ]]; then
      printf '%-12s %7.2f s   %-13s (until it serves)\n' "$label" "$(median 1 "$label")" "$(range "$label")"
    else
      printf '%-12s %7.2f s   %-13s %7d MiB\n' "$label" "$(median 1 "$label")" "$(range "$label")" \
        "$(( $(median 2 "$label") / 1024 ))"
    fi
  done
  if [ -n "$base_site" ]; then
    echo "-- the same with the baseline (BASELINE_REPO), and this version's time / the baseline's"
    for label in maven-alone clean no-op one-edit publish-no-op serve-first serve-again; do
      awk -v l="$label" -v a="$(median 1 "$label")" -v b="$(median 1 "base-$label")" \
          -v m="$(( $(median 2 "base-$label") / 1024 ))" \
        -v r="$(range "base-$label")" 'BEGIN {printf "%-12s %7.2f s   %-13s %7d MiB   %.2fx\n", l, b, r, m, a / b}'
    done
  fi
  own=$(awk -v a="$clean" -v b="$alone" 'BEGIN {printf "%.2f", a - b}')
  echo "own part of the clean build (clean - maven-alone): $own s"
  awk -v p="$(median 1 publish-no-op)" -v a="$alone" 'BEGIN {printf "no-op publish, build included, minus Maven alone: %.2f s\n", p - a}'
  if [ -f "$work/hugo.times" ]; then
    hugo_t=$(median 1 hugo)
    awk -v c="$clean" -v o="$own" -v h="$hugo_t" \
      'BEGIN {printf "clean build / Hugo: %.2fx   own part / Hugo: %.2fx\n", c / h, o / h}'
    if [ -f "$work/floor.times" ]; then
      awk -v f="$(median 1 floor)" -v o="$own" -v h="$hugo_t" \
        'BEGIN {printf "floor / Hugo: %.2fx   own part / floor: %.2fx\n", f / h, o / f}'
    fi
  fi
done
