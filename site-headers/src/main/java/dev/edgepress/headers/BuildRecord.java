package dev.edgepress.headers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a build says about the site it made, for the publisher's guards: {@value #PATH} in the
 * output folder, never published (see {@link Fingerprinted#FOLDER}). With it the publisher knows,
 * without guessing from HTML, how many pages came from Markdown files (a site whose only page is
 * its home page still has one) and the base URL the site was built for.
 *
 * @param contentPages pages built from Markdown files (regular pages, home and section pages with
 *     an _index.md); 0 for a site whose content/ is empty or all drafts
 * @param baseUrl the base URL the pages' canonical links, feeds and sitemap use
 */
public record BuildRecord(int contentPages, URI baseUrl) {

  /** The record's path in the output folder. */
  public static final String PATH = ".edgepress/build.txt";

  /** The record's bytes: one key=value a line. */
  public byte[] bytes() {
    return ("contentPages=" + contentPages + "\nbaseUrl=" + baseUrl + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The record of the build in {@code siteDir}; empty when there is none or it is not one. */
  public static Optional<BuildRecord> read(Path siteDir) {
    try {
      Integer pages = null;
      URI base = null;
      for (String line : Files.readAllLines(siteDir.resolve(PATH), StandardCharsets.UTF_8)) {
        if (line.startsWith("contentPages=")) {
          pages = Integer.valueOf(line.substring("contentPages=".length()).strip());
        } else if (line.startsWith("baseUrl=")) {
          base = URI.create(line.substring("baseUrl=".length()).strip());
        }
      }
      return pages == null || base == null ? Optional.empty() : Optional.of(new BuildRecord(pages, base));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + siteDir.resolve(PATH), e);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
