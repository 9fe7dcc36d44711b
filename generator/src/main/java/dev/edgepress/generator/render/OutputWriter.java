package dev.edgepress.generator.render;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.cache.BuildCache;
import dev.edgepress.generator.cache.DepKey;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.cache.Reads;
import dev.edgepress.generator.links.LinkIndex;
import dev.edgepress.generator.output.StagedOutput;
import dev.edgepress.generator.template.Assets;
import dev.edgepress.generator.template.TemplateFailure;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one build's planned outputs into the staged output folder, in parallel: an output whose
 * recorded reads are all unchanged (and whose file in place is the one the cache describes) is kept;
 * any other is rendered, its links scanned, and what its templates read recorded in the next cache.
 */
final class OutputWriter {

  private final Fingerprints fingerprints;
  private final BuildCache previous;
  private final BuildCache.Writer next;
  private final LinkIndex links;
  private final Assets assets;
  private final Problems problems;
  private final StagedOutput out;
  private final Set<String> renderedFiles = ConcurrentHashMap.newKeySet();
  private final Set<String> changedIds = ConcurrentHashMap.newKeySet();
  private final Set<String> failedFiles = ConcurrentHashMap.newKeySet();
  /** Template failures by template, line and message: one mistake in a layout fails every page using it. */
  private final Map<Problem, java.util.Queue<TemplateFailure>> failures = new ConcurrentHashMap<>();

  /** @param links where the links of HTML files are scanned into, or null when links are not checked */
  OutputWriter(Fingerprints fingerprints, BuildCache previous, BuildCache.Writer next, LinkIndex links, Assets assets,
      Problems problems, StagedOutput out) {
    this.fingerprints = fingerprints;
    this.previous = previous;
    this.next = next;
    this.links = links;
    this.assets = assets;
    this.problems = problems;
    this.out = out;
    if (!previous.isEmpty()) {
      out.previousFiles(previous.outputs().keySet());
    }
  }

  /**
   * Writes {@code outputs}, each rendered unless the cache shows that the file in place would come
   * out the same; problems go to the collector.
   */
  void write(List<Output> outputs) {
    outputs.parallelStream().forEach(o -> {
      BuildCache.Output cached = previous.output(o.file());
      if (!o.mustRender() && unchanged(o, cached)) {
        out.keep(o.file());
        if (links != null && o.file().endsWith(".html")) {
          links.keep(o.file(), o.origin(), o.source(), o.primary(), new LinkIndex.Scanned(cached.ids(), cached.links()),
              cached.brokenLinks());
        }
        for (DepKey key : cached.keys()) {
          if (key instanceof DepKey.Asset a) {
            assets.keep(a.path());
          }
        }
        next.output(o.file(), cached);
        return;
      }
      Reads reads = new Reads();
      try {
        byte[] bytes = o.renderer().render(reads);
        LinkIndex.Scanned scanned = NOTHING_SCANNED;
        if (links != null && o.file().endsWith(".html")) {
          scanned = links.add(o.file(), o.origin(), o.source(), o.primary(), bytes);
        }
        out.write(o.file(), bytes);
        renderedFiles.add(o.file());
        DepKey[] keys = reads.keys();
        long[] fps = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
          Long now = fingerprints.resolve(keys[i]);
          fps[i] = now == null ? UNKNOWN : now;
        }
        next.output(o.file(), new BuildCache.Output(o.intrinsic(), keys, fps, -1, -1, scanned.ids(), scanned.links(),
            false));
        if (cached != null && !Set.of(cached.ids()).equals(Set.of(scanned.ids()))) {
          changedIds.add(o.file());
        }
      } catch (TemplateFailure e) {
        failures.computeIfAbsent(e.key(), k -> new java.util.concurrent.ConcurrentLinkedQueue<>()).add(e);
        failedFiles.add(o.file());
      } catch (IOException e) {
        problems.add(Problem.of(o.source(), "cannot read " + o.origin() + ": " + e));
      }
    });
  }

  private static final LinkIndex.Scanned NOTHING_SCANNED = new LinkIndex.Scanned(new String[0], new String[0]);
  /** Stands for a fingerprint that was not known when the file was written: never equal to a real one. */
  private static final long UNKNOWN = 0x5eed_0000_dead_beefL;

  /** Whether the cache shows that {@code o} would come out as the file already in the output. */
  private boolean unchanged(Output o, BuildCache.Output cached) {
    if (cached == null || cached.intrinsic() != o.intrinsic()) {
      return false;
    }
    DepKey[] keys = cached.keys();
    long[] fps = cached.fingerprints();
    for (int i = 0; i < keys.length; i++) {
      Long now = fingerprints.resolve(keys[i]);
      if (now == null || now != fps[i]) {
        return false;
      }
    }
    if (!previous.fromFile()) {
      // This process wrote the output and the cache that describes it, the last build.
      return true;
    }
    StagedOutput.FileState state = out.state(o.file());
    return state != null && state.size() == cached.size() && state.modified() == cached.modified();
  }

  /** Writes the fingerprinted copies that templates asked for with asset(), but those in {@code taken}. */
  void writeAssets(Set<String> taken) {
    assets.outputs().forEach((file, bytes) -> {
      if (!taken.contains(file)) {
        out.write(file, bytes);
        // Listed in the cache so that the next build deletes it when it is no longer used.
        long hash = Hash64.of(bytes);
        BuildCache.Output was = previous.output(file);
        if (was == null || was.intrinsic() != hash) {
          renderedFiles.add(file);
        }
        next.output(file, new BuildCache.Output(hash, new DepKey[0], new long[0], -1, -1, new String[0],
            new String[0], false));
      }
    });
  }

  /**
   * Reports the template failures so far, each distinct one once, with how many pages it failed
   * and the first of them (in path order, so that the message does not depend on thread timing).
   */
  void reportFailures() {
    failures.forEach((key, list) -> {
      String first = list.stream().map(TemplateFailure::page).filter(java.util.Objects::nonNull).sorted()
          .findFirst().orElse(null);
      problems.add(list.size() == 1 ? list.peek().problem() : list.peek().forPages(list.size(), first));
    });
    failures.clear();
  }

  /** Output files rendered so far (not known unchanged from the cache). */
  Set<String> renderedFiles() {
    return renderedFiles;
  }

  /** Output files whose template failed. */
  Set<String> failedFiles() {
    return failedFiles;
  }

  /** Files rendered again whose element ids are not those of the last build (#links to them may break). */
  Set<String> changedIds() {
    return changedIds;
  }
}
