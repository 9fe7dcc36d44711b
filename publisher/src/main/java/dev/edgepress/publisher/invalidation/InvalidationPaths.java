package dev.edgepress.publisher.invalidation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CDN paths that serve a set of changed files: posts/x/index.html is also served as
 * /posts/x/ and /posts/x. A long list is collapsed to wildcards where a wildcard replaces many
 * paths, staying within CloudFront's limits.
 */
public final class InvalidationPaths {

  /** Up to this many paths are invalidated one by one (CloudFront's free 1,000 a month go far). */
  public static final int MAX_EXACT = 500;
  /** CloudFront allows 15 wildcard paths in progress; one is left for another publish. */
  public static final int MAX_WILDCARDS = 14;

  private InvalidationPaths() {}

  public static List<String> forFiles(List<String> files) {
    Set<String> out = new LinkedHashSet<>();
    for (String f : files) {
      out.add("/" + f);
      if (f.equals("index.html")) {
        out.add("/");
      } else if (f.endsWith("/index.html")) {
        String dir = "/" + f.substring(0, f.length() - "index.html".length());
        out.add(dir);
        out.add(dir.substring(0, dir.length() - 1));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * One path per changed object, for a distribution whose viewer-request function rewrites
   * {@code /dir/} to {@code /dir/index.html} before the cache lookup (one Edgepress provisioned):
   * there the object's own path is the only cache key. A third of the paths of {@link #forFiles}
   * for pages, so the free 1,000 paths a month go three times as far.
   */
  public static List<String> forObjects(List<String> files) {
    return files.stream().map(f -> "/" + f).distinct().toList();
  }

  /** Exact paths when there are few; otherwise the busiest folders become folder/* wildcards. */
  public static List<String> collapse(List<String> paths) {
    List<String> current = new ArrayList<>(new LinkedHashSet<>(paths));
    if (current.size() <= MAX_EXACT) {
      return current.stream().sorted().toList();
    }
    List<String> wildcards = new ArrayList<>();
    while (current.size() > MAX_EXACT && wildcards.size() < MAX_WILDCARDS) {
      Map<String, Integer> counts = new TreeMap<>();
      for (String p : current) {
        int slash = p.indexOf('/', 1);
        while (slash > 0) {
          counts.merge(p.substring(0, slash + 1), 1, Integer::sum);
          slash = p.indexOf('/', slash + 1);
        }
      }
      String best = null;
      int bestCount = 1;
      for (var e : counts.entrySet()) {
        // Prefer the folder that removes the most paths; on a tie, the deeper (more precise) one.
        if (e.getValue() > bestCount || (e.getValue() == bestCount && best != null && e.getKey().startsWith(best))) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      if (best == null) {
        break;
      }
      String prefix = best;
      current.removeIf(p -> p.startsWith(prefix));
      wildcards.add(prefix + "*");
    }
    if (current.size() + wildcards.size() > MAX_EXACT) {
      return List.of("/*");
    }
    List<String> out = new ArrayList<>(current);
    out.addAll(wildcards);
    return out.stream().sorted().toList();
  }
}
