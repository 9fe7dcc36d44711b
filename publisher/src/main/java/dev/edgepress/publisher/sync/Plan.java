package dev.edgepress.publisher.sync;

import dev.edgepress.headers.HeaderRules;
import dev.edgepress.headers.Headers;
import dev.edgepress.json.Json;
import dev.edgepress.publisher.invalidation.InvalidationPaths;
import dev.edgepress.publisher.store.RemoteObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a publish will do, worked out before it does anything: uploads, header-only copies and
 * deletions, in the order that never shows a visitor a page whose assets are not there yet, and
 * the CDN paths to invalidate.
 */
public record Plan(
    List<Action> actions, List<String> deletes, int unchanged, List<String> invalidationPaths,
    List<String> changedPaths) {

  /** Compares the built site with the destination's listing and manifest. */
  public static Plan compute(List<LocalFile> local, Map<String, RemoteObject> remote, Manifest manifest) {
    return compute(local, remote, manifest, false);
  }

  /**
   * @param objectPathsOnly the CDN rewrites {@code /dir/} to {@code /dir/index.html} before its cache
   *     (a distribution Edgepress provisioned), so each changed object needs one invalidation path
   */
  public static Plan compute(List<LocalFile> local, Map<String, RemoteObject> remote, Manifest manifest,
      boolean objectPathsOnly) {
    List<Action> actions = new ArrayList<>();
    int unchanged = 0;
    for (LocalFile f : local) {
      RemoteObject r = remote.get(f.path());
      Manifest.Entry m = manifest.entries().get(f.path());
      int phase = Action.phaseOf(f.path());
      if (r == null) {
        actions.add(new Action(Action.Kind.UPLOAD, f, "new", false, phase));
      } else if (m != null && m.size() == r.size()) {
        if (!m.sha256().equals(f.sha256())) {
          actions.add(new Action(Action.Kind.UPLOAD, f, "changed", true, phase));
        } else if (!m.headers().equals(f.headers().fingerprint())) {
          actions.add(new Action(Action.Kind.COPY, f, "headers changed", true, phase));
        } else {
          unchanged++;
        }
      } else if (r.etagIsMd5() && r.etag().equals(f.md5()) && r.size() == f.size()) {
        // Not in the manifest (a first publish over an existing upload): same bytes by MD5, but the
        // headers it was uploaded with are unknown, so set them.
        actions.add(new Action(Action.Kind.COPY, f, "same bytes, headers unknown", true, phase));
      } else {
        actions.add(new Action(Action.Kind.UPLOAD, f, "changed", true, phase));
      }
    }
    actions.sort(Comparator.comparingInt(Action::phase).thenComparing(Action::path));
    Set<String> localPaths = local.stream().map(LocalFile::path).collect(Collectors.toSet());
    List<String> deletes = remote.keySet().stream()
        .filter(k -> !localPaths.contains(k) && !k.startsWith(".edgepress/"))
        .sorted().toList();
    // Files served immutable (the build's fingerprinted copies, the author's immutable globs) are
    // never invalidated: their names change with their bytes. Every other changed file is.
    List<String> changed = new ArrayList<>();
    for (Action a : actions) {
      if (a.existed() && !HeaderRules.isImmutableValue(a.file().headers().cacheControl())) {
        changed.add(a.path());
      }
    }
    for (String d : deletes) {
      if (!wasImmutable(d, manifest)) {
        changed.add(d);
      }
    }
    List<String> paths = new ArrayList<>(objectPathsOnly ? InvalidationPaths.forObjects(changed)
        : InvalidationPaths.forFiles(changed));
    for (String p : manifest.pending()) {
      if (!paths.contains(p)) {
        paths.add(p);
      }
    }
    return new Plan(List.copyOf(actions), deletes, unchanged, InvalidationPaths.collapse(paths), changed);
  }

  /** Whether the manifest says a deleted object was published immutable (as a fingerprinted copy is). */
  private static boolean wasImmutable(String path, Manifest manifest) {
    Manifest.Entry m = manifest.entries().get(path);
    return m != null
        && m.headers().equals(new Headers(HeaderRules.contentType(path), HeaderRules.IMMUTABLE).fingerprint());
  }

  public long uploads() {
    return actions.stream().filter(a -> a.kind() == Action.Kind.UPLOAD).count();
  }

  public long copies() {
    return actions.stream().filter(a -> a.kind() == Action.Kind.COPY).count();
  }

  public boolean isEmpty() {
    return actions.isEmpty() && deletes.isEmpty() && invalidationPaths.isEmpty();
  }

  /** The plan as JSON, for target/edgepress/plan.json. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"uploads\": ").append(Json.array(actions.stream().filter(a -> a.kind() == Action.Kind.UPLOAD)
        .map(a -> Json.object("path", a.path(), "reason", a.reason(), "bytes", a.file().size(),
            "contentType", a.file().headers().contentType(), "cacheControl", a.file().headers().cacheControl()))
        .toList())).append(",\n");
    sb.append("  \"copies\": ").append(Json.array(actions.stream().filter(a -> a.kind() == Action.Kind.COPY)
        .map(a -> Json.object("path", a.path(), "reason", a.reason(),
            "contentType", a.file().headers().contentType(), "cacheControl", a.file().headers().cacheControl()))
        .toList())).append(",\n");
    sb.append("  \"deletes\": ").append(Json.strings(deletes)).append(",\n");
    sb.append("  \"unchanged\": ").append(unchanged).append(",\n");
    sb.append("  \"invalidationPaths\": ").append(Json.strings(invalidationPaths)).append("\n}\n");
    return sb.toString();
  }
}
