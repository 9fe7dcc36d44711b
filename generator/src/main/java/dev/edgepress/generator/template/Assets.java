package dev.edgepress.generator.template;

import dev.edgepress.generator.cache.DepKey;
import dev.edgepress.generator.cache.Reads;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.content.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fingerprinted assets: {@code asset('/css/style.css')} in a template gives
 * {@code /css/style.3f2a9c1d4e.css} (a name that changes whenever the bytes do, so it can be cached
 * for a year; the publisher marks such names immutable) and its Subresource Integrity hash. The
 * fingerprinted copy is written next to the original.
 */
public final class Assets {

  /** What a template gets back: the URL to use and the integrity attribute's value. */
  public record Asset(String url, String integrity, String path) {
    @Override
    public String toString() {
      return url;
    }
  }

  private final Map<String, Resource> files;
  private final SiteConfig config;
  private final ConcurrentHashMap<String, Asset> used = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, byte[]> bytesByOutput = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> fingerprints = new ConcurrentHashMap<>();

  /** @param files static files by output path (the site's replacing the theme's) */
  public Assets(Map<String, Resource> files, SiteConfig config) {
    this.files = files;
    this.config = config;
  }

  /** The fingerprinted asset, or empty when there is no such static file; recorded in {@code reads}. */
  Optional<Asset> get(String requested, Reads reads) {
    String path = requested.startsWith(config.basePath()) ? requested.substring(config.basePath().length())
        : requested.startsWith("/") ? requested.substring(1) : requested;
    Resource r = files.get(path);
    if (reads != null) {
      reads.add(new DepKey.Asset(path));
    }
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(used.computeIfAbsent(path, p -> {
      try {
        byte[] bytes = r.read();
        String hex = HexFormat.of().formatHex(digest("SHA-256", bytes)).substring(0, 10);
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        String out = dot > slash ? p.substring(0, dot) + "." + hex + p.substring(dot) : p + "." + hex;
        bytesByOutput.put(out, bytes);
        return new Asset(config.url("/" + out), "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes)), out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + r.origin(), e);
      }
    }));
  }

  /**
   * A fingerprint of the static file an asset path names now (0 when there is none), for the build
   * cache; an output that used asset() is rendered again when this changes.
   */
  public long fingerprint(String path) {
    return fingerprints.computeIfAbsent(path, p -> {
      Resource r = files.get(p);
      if (r == null) {
        return 0L;
      }
      try {
        return Hash64.of(r.read());
      } catch (IOException e) {
        return 1L;
      }
    });
  }

  /** Makes sure the fingerprinted copy of {@code path} is written, as when a template asks for it. */
  public void keep(String path) {
    get(path, null);
  }

  /** The fingerprinted files templates asked for, by output path. */
  public Map<String, byte[]> outputs() {
    return new TreeMap<>(bytesByOutput);
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
