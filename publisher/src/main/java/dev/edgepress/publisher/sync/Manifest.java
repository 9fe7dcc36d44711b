package dev.edgepress.publisher.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the destination holds, as the last publish left it: for each path, the SHA-256 of its bytes,
 * the fingerprint of its headers and its size. Stored as one small text object under the prefix,
 * so a publish reads the destination's state with one GET instead of a HEAD per object.
 *
 * <pre>
 * edgepress-manifest 1
 * generation 12
 * pending /posts/a/ /posts/a/index.html      (invalidation paths not yet confirmed; may be absent)
 * path TAB sha256 TAB headers TAB size        (one line per file)
 * </pre>
 */
public record Manifest(long generation, List<String> pending, Map<String, Entry> entries) {

  public static final String OBJECT_NAME = ".edgepress/manifest.tsv";
  private static final String MAGIC = "edgepress-manifest 1";

  public record Entry(String sha256, String headers, long size) {}

  public static Manifest empty() {
    return new Manifest(0, List.of(), Map.of());
  }

  public byte[] toBytes() {
    StringBuilder sb = new StringBuilder(entries.size() * 120);
    sb.append(MAGIC).append('\n').append("generation ").append(generation).append('\n');
    if (!pending.isEmpty()) {
      sb.append("pending ").append(String.join(" ", pending)).append('\n');
    }
    new TreeMap<>(entries).forEach((path, e) ->
        sb.append(path).append('\t').append(e.sha256()).append('\t').append(e.headers()).append('\t')
            .append(e.size()).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a manifest; an unreadable one counts as none (every file is then compared afresh). */
  public static Manifest parse(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    if (lines.length < 2 || !lines[0].equals(MAGIC) || !lines[1].startsWith("generation ")) {
      return empty();
    }
    long generation;
    try {
      generation = Long.parseLong(lines[1].substring("generation ".length()).trim());
    } catch (NumberFormatException e) {
      return empty();
    }
    List<String> pending = new ArrayList<>();
    Map<String, Entry> entries = new TreeMap<>();
    for (int i = 2; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("pending ")) {
        for (String p : line.substring("pending ".length()).split(" ")) {
          if (!p.isEmpty()) {
            pending.add(p);
          }
        }
        continue;
      }
      String[] f = line.split("\t");
      if (f.length == 4) {
        try {
          entries.put(f[0], new Entry(f[1], f[2], Long.parseLong(f[3])));
        } catch (NumberFormatException e) {
          // skip a damaged line: that file is compared afresh
        }
      }
    }
    return new Manifest(generation, List.copyOf(pending), Collections.unmodifiableMap(entries));
  }
}
