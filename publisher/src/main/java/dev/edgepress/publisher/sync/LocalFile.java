package dev.edgepress.publisher.sync;

import dev.edgepress.headers.Headers;
import java.nio.file.Path;

/**
 * A file of the built site.
 *
 * @param path its path in the site, '/' separated, no leading '/': posts/hello/index.html
 * @param sha256 hex SHA-256 of its bytes
 */
public record LocalFile(String path, Path file, long size, String sha256, Headers headers) {

  /** Hex MD5 of the bytes, read again on demand: only needed for objects the manifest does not know. */
  public String md5() {
    try {
      return SiteScan.hex("MD5", java.nio.file.Files.readAllBytes(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }
}
