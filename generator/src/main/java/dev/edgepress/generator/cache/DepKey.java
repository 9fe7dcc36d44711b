package dev.edgepress.generator.cache;

import java.io.IOException;

/**
 * Something a file of the output, or a page's Markdown, read while it was made, whose fingerprint
 * the build cache keeps: when every one of them has the same fingerprint in the next build, the
 * file need not be made again.
 *
 * <p>{@link #encode} and {@link #decode} are the only place where keys meet their text form (the
 * cache file stores them as strings in its string table). The records write out their equals and
 * hashCode: the generated ones go through method handles, which the build's quick compiler (C1)
 * runs slowly, and a 10,000-page build looks keys up by the million.
 */
public sealed interface DepKey {

  /** A template, by the name it was looked up under, whether it exists or not. */
  record Template(String name) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Template k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + 828;
    }
  }

  /** A static file that a template asked for with {@code asset()}, by its path under static/. */
  record Asset(String path) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Asset k && k.path.equals(path);
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + 512;
    }
  }

  /** A group of fields of the page made from {@code source} (a path under content/). */
  record PageData(String source, Facet facet) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof PageData k && k.facet == facet && k.source.equals(source);
    }

    @Override
    public int hashCode() {
      return source.hashCode() * 31 + facet.ordinal();
    }
  }

  /** A section's own fields (name, page, sub-sections), by its folder path. */
  record SectionInfo(String path) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof SectionInfo k && k.path.equals(path);
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + 1121;
    }
  }

  /** Which pages a section holds, and in what order: a read of its own. */
  record SectionPages(String path) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof SectionPages k && k.path.equals(path);
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + 1221;
    }
  }

  /** A term's name, URL and page count. */
  record TermInfo(String taxonomy, String slug) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof TermInfo k && k.slug.equals(slug) && k.taxonomy.equals(taxonomy);
    }

    @Override
    public int hashCode() {
      return (taxonomy.hashCode() * 31 + slug.hashCode()) * 31 + 7;
    }
  }

  /** A site-wide list or value that comes from the content, not from site.yaml. */
  enum Site implements DepKey {
    PAGES, SECTIONS, TAXONOMIES, LASTMOD, DATA
  }

  // What a page's Markdown reads while it renders.

  /** The page's own site path (its #fragment links and relative links depend on it). */
  record OwnPath() implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o instanceof OwnPath;
    }

    @Override
    public int hashCode() {
      return 0x5e1f;
    }
  }

  /** The site path of the page built from a content path a link points at. */
  record LinkedPage(String source) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof LinkedPage k && k.source.equals(source);
    }

    @Override
    public int hashCode() {
      return source.hashCode() * 31 + 980;
    }
  }

  /** Why a content path a link points at is not built (a draft, say). */
  record NotBuilt(String source) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof NotBuilt k && k.source.equals(source);
    }

    @Override
    public int hashCode() {
      return source.hashCode() * 31 + 817;
    }
  }

  /** Whether content/ holds a plain file at a path a link points at. */
  record ContentFile(String source) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof ContentFile k && k.source.equals(source);
    }

    @Override
    public int hashCode() {
      return source.hashCode() * 31 + 1115;
    }
  }

  /** The width and height of an image at a site path. */
  record Image(String path) implements DepKey {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Image k && k.path.equals(path);
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + 483;
    }
  }

  /**
   * The field groups of a page. A template that reads a page's title need not be rendered again
   * when only its content changes; a list showing reading times not when a few words do.
   */
  enum Facet {
    /** Front matter fields, URL and terms. */
    META(1, 'm'),
    /** The summary and whether it is shorter than the content. */
    SUMMARY(2, 's'),
    /** The full content and table of contents. */
    CONTENT(4, 'c'),
    /** Reading time in minutes. */
    TIME(8, 't'),
    /** Word count. */
    WORDS(16, 'w');

    private final int bit;
    private final char code;

    Facet(int bit, char code) {
      this.bit = bit;
      this.code = code;
    }

    /** This group's bit in a set of groups (a page's {@code detail}). */
    public int bit() {
      return bit;
    }
  }

  /** The key's text form in the cache file. */
  static String encode(DepKey key) {
    if (key instanceof Template t) {
      return "t:" + t.name();
    } else if (key instanceof Asset a) {
      return "a:" + a.path();
    } else if (key instanceof PageData p) {
      return "p:" + p.facet().code + ":" + p.source();
    } else if (key instanceof SectionInfo s) {
      return "sec:" + s.path();
    } else if (key instanceof SectionPages s) {
      return "secp:" + s.path();
    } else if (key instanceof TermInfo t) {
      return "k:" + t.taxonomy() + "/" + t.slug();
    } else if (key instanceof Site s) {
      return "s:" + s.name();
    } else if (key instanceof OwnPath) {
      return "self";
    } else if (key instanceof LinkedPage l) {
      return "page:" + l.source();
    } else if (key instanceof NotBuilt n) {
      return "why:" + n.source();
    } else if (key instanceof ContentFile c) {
      return "res:" + c.source();
    } else if (key instanceof Image i) {
      return "img:" + i.path();
    }
    throw new AssertionError(key);
  }

  /**
   * The key written as {@code text} by {@link #encode}.
   *
   * @throws IOException when the text is no key (a damaged or foreign cache file)
   */
  static DepKey decode(String text) throws IOException {
    int colon = text.indexOf(':');
    if (colon < 0) {
      if (text.equals("self")) {
        return new OwnPath();
      }
      throw new IOException("not a build cache key: " + text);
    }
    String kind = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    switch (kind) {
      case "t":
        return new Template(rest);
      case "a":
        return new Asset(rest);
      case "p":
        if (rest.length() > 2 && rest.charAt(1) == ':') {
          for (Facet f : Facet.values()) {
            if (f.code == rest.charAt(0)) {
              return new PageData(rest.substring(2), f);
            }
          }
        }
        break;
      case "sec":
        return new SectionInfo(rest);
      case "secp":
        return new SectionPages(rest);
      case "k":
        int slash = rest.indexOf('/');
        if (slash > 0) {
          return new TermInfo(rest.substring(0, slash), rest.substring(slash + 1));
        }
        break;
      case "s":
        for (Site s : Site.values()) {
          if (s.name().equals(rest)) {
            return s;
          }
        }
        break;
      case "page":
        return new LinkedPage(rest);
      case "why":
        return new NotBuilt(rest);
      case "res":
        return new ContentFile(rest);
      case "img":
        return new Image(rest);
      default:
        break;
    }
    throw new IOException("not a build cache key: " + text);
  }
}
