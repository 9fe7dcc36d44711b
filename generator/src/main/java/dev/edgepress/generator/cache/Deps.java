package dev.edgepress.generator.cache;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records what one output file read while it was rendered: the templates Pebble loaded, the fields
 * of pages, sections, terms and the site that its templates looked at, and the assets it asked for.
 * The build cache stores these with their fingerprints; the next build renders the file again only
 * when one of them changed.
 *
 * <p>Reads are recorded on the rendering thread while a {@link Recorder} is active. Model fields
 * count only when a template reads them ({@link #inTemplate}), not when the renderer's own Java code
 * sorts or slices lists: what that code decides (which pages a list page shows, its neighbours) is
 * part of the output's own fingerprint instead.
 */
public final class Deps {

  /** A page's front matter fields, URL and terms. */
  public static final int META = 1;
  /** Its summary and whether the summary is shorter than the content. */
  public static final int SUMMARY = 2;
  /** Its full content and table of contents. */
  public static final int CONTENT = 4;
  /** Its reading time (minutes): a list showing it need not change when a few words do. */
  public static final int TIME = 8;
  /** Its word count. */
  public static final int WORDS = 16;

  private static final int[] GROUPS = {META, SUMMARY, CONTENT, TIME, WORDS};
  private static final String[] SUFFIXES = {":m", ":s", ":c", ":t", ":w"};
  private static final Map<String, String[]> PAGE_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The keys of a page's field groups (p:source:m, :s, :c, :t, :w, in the order of {@link #META},
   * {@link #SUMMARY}, {@link #CONTENT}, {@link #TIME}, {@link #WORDS}), made once per source path in
   * the process: a server's rebuilds look them up by the ten thousand.
   */
  public static String[] pageKeys(String src) {
    String[] k = PAGE_KEYS.get(src);
    if (k == null) {
      k = PAGE_KEYS.computeIfAbsent(src, s -> {
        String[] made = new String[SUFFIXES.length];
        for (int i = 0; i < made.length; i++) {
          made[i] = "p:" + s + SUFFIXES[i];
        }
        return made;
      });
    }
    return k;
  }

  private static final ThreadLocal<Recorder> CURRENT = new ThreadLocal<>();
  /** How many recorders are active in the process: reads outside any rendering cost one volatile read. */
  private static final java.util.concurrent.atomic.AtomicInteger ACTIVE = new java.util.concurrent.atomic.AtomicInteger();

  private Deps() {}

  /** What one output read. */
  public static final class Recorder {
    private final Map<String, Integer> pages = new HashMap<>();
    private final Set<String> keys = new LinkedHashSet<>();
    private boolean inTemplate;

    /** Every key read: t:template, p:source:m|s|c, and the others as recorded. */
    public Set<String> keys() {
      Set<String> all = new LinkedHashSet<>(keys);
      pages.forEach((src, groups) -> {
        for (int i = 0; i < GROUPS.length; i++) {
          if ((groups & GROUPS[i]) != 0) {
            all.add(pageKeys(src)[i]);
          }
        }
      });
      return all;
    }
  }

  /** Starts recording for the current thread. */
  public static Recorder begin() {
    Recorder r = new Recorder();
    if (CURRENT.get() == null) {
      ACTIVE.incrementAndGet();
    }
    CURRENT.set(r);
    return r;
  }

  public static void end() {
    if (CURRENT.get() != null) {
      ACTIVE.decrementAndGet();
    }
    CURRENT.remove();
  }

  /** Marks the start of template evaluation; returns the previous state for {@link #leaveTemplate}. */
  public static boolean enterTemplate() {
    Recorder r = CURRENT.get();
    if (r == null) {
      return false;
    }
    boolean was = r.inTemplate;
    r.inTemplate = true;
    return was;
  }

  public static void leaveTemplate(boolean previous) {
    Recorder r = CURRENT.get();
    if (r != null) {
      r.inTemplate = previous;
    }
  }

  /** A template (by name) was looked up, whether it exists or not. */
  public static void template(String name) {
    Recorder r = CURRENT.get();
    if (r != null) {
      r.keys.add("t:" + name);
    }
  }

  /** A fingerprinted asset was asked for. */
  public static void asset(String path) {
    Recorder r = CURRENT.get();
    if (r != null) {
      r.keys.add("a:" + path);
    }
  }

  /** A template read a field group of the page built from {@code source} (null: a list page of its own). */
  public static void page(String source, int group) {
    if (source == null || ACTIVE.get() == 0) {
      return;
    }
    Recorder r = CURRENT.get();
    if (r != null && r.inTemplate) {
      Integer had = r.pages.get(source);
      if (had == null || (had & group) != group) {
        r.pages.put(source, had == null ? group : had | group);
      }
    }
  }

  /** A template read a section, a term or a field of the site: sec:path, k:tags/java, s:pages ... */
  public static void read(String key) {
    if (ACTIVE.get() == 0) {
      return;
    }
    Recorder r = CURRENT.get();
    if (r != null && r.inTemplate) {
      r.keys.add(key);
    }
  }
}
