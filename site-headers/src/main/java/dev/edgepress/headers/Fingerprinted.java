package dev.edgepress.headers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The record of the files a build fingerprinted itself (the copies {@code asset()} wrote, whose
 * names change whenever their bytes do): {@value #PATH} in the output folder, one path a line,
 * sorted. It travels with the site, so the publisher and the preview server know which files may
 * be served immutable without guessing from names ({@code report.20240315.pdf} is not one). The
 * build writes it on every build, so it always lists exactly the copies of that build (a removed
 * asset leaves it, an unchanged rebuild leaves the file as it was). It is never published: the
 * publisher skips the output's {@code .edgepress/} folder, and the preview server does not serve it.
 */
public final class Fingerprinted {

  /** The record's path in the output folder. */
  public static final String PATH = ".edgepress/fingerprinted.txt";

  /** The output's folder of files that are the build's own, not the site's. */
  public static final String FOLDER = ".edgepress/";

  private Fingerprinted() {}

  /** The record's bytes for these output paths. */
  public static byte[] bytes(Collection<String> paths) {
    StringBuilder sb = new StringBuilder();
    new TreeSet<>(paths).forEach(p -> sb.append(p).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The paths the build in {@code siteDir} fingerprinted; none when it has no record. */
  public static Set<String> read(Path siteDir) {
    try {
      Set<String> paths = new TreeSet<>();
      for (String line : Files.readAllLines(siteDir.resolve(PATH), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          paths.add(line.strip());
        }
      }
      return Set.copyOf(paths);
    } catch (NoSuchFileException e) {
      return Set.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + siteDir.resolve(PATH), e);
    }
  }

  /** Whether a path of the output folder is the build's own (under {@value #FOLDER}), not the site's. */
  public static boolean isBuildOwn(String path) {
    return path.startsWith(FOLDER);
  }
}
