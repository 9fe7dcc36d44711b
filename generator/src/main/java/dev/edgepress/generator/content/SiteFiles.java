package dev.edgepress.generator.content;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists the files of one of the site's folders (content/, static/, data/), following a symbolic link
 * (to a file or a folder) only when its real target is inside the site folder (or inside the folder
 * listed, when that folder was moved out of the site). A link to anywhere else, a link to nothing and
 * a folder link that would loop are problems naming the link: a link must never publish a file from
 * outside the site (static/passwd to /etc/passwd), and must never be dropped without a word.
 *
 * <p>Files are listed where the folder shows them: a file reached through a folder link keeps the
 * link's path (content/shared/a.md), so messages and URLs follow what the author sees.
 */
public final class SiteFiles {

  /**
   * A file found.
   *
   * @param file where the folder shows it (through a link, the link's path, not its target's)
   * @param rel its path under the folder, '/' separated: posts/hello.md
   * @param size its size (a link's target's)
   * @param modified its modification time in nanoseconds (a link's target's), see {@link FileStamp}
   */
  public record Found(Path file, String rel, long size, long modified) {}

  private final Path site;
  private final Path siteReal;
  private final Path rootReal;
  private final Predicate<String> ignored;
  private final Problems problems;
  private final List<Found> found = new ArrayList<>();

  private SiteFiles(Path site, Path siteReal, Path rootReal, Predicate<String> ignored, Problems problems) {
    this.site = site;
    this.siteReal = siteReal;
    this.rootReal = rootReal;
    this.ignored = ignored;
    this.problems = problems;
  }

  /**
   * Every regular file under {@code root} in path order, links followed as the class comment says.
   *
   * @param siteDirectory the site folder: links may point anywhere inside it
   * @param ignored paths under root (files and folders, '/' separated) that are not read at all, so
   *     not checked either: content/'s hidden files, say
   * @return nothing when {@code root} is not a folder
   */
  public static List<Found> list(Path root, Path siteDirectory, Predicate<String> ignored, Problems problems) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    SiteFiles walk;
    Path rootReal;
    try {
      rootReal = root.toRealPath();
      walk = new SiteFiles(siteDirectory, real(siteDirectory), rootReal, ignored, problems);
      // The folder itself is the author's setting, not a link inside the site: it may be anywhere.
      Path from = Files.isSymbolicLink(root) ? rootReal : root;
      walk.walk(root, from, rootReal, "", List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    walk.found.sort(Comparator.comparing(Found::rel));
    return List.copyOf(walk.found);
  }

  /** The files of static/, copied as they are to the same paths, in path order. */
  public static List<Resource> staticFiles(Path staticDirectory, Path siteDirectory, Problems problems) {
    return list(staticDirectory, siteDirectory, rel -> false, problems).stream()
        .map(f -> Resource.ofFile(f.file(), f.rel(), "static/" + f.rel()))
        .toList();
  }

  private static Path real(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  /**
   * Walks {@code from} (whose real path is {@code real}), recording each file at the path the
   * author sees: {@code shown} in place of {@code from}.
   *
   * @param prefix the path under the listed folder of {@code shown}, '' or ending in '/'
   * @param outer the real folders of the links followed to get here, outermost first
   */
  private void walk(Path shown, Path from, Path real, String prefix, List<Path> outer) throws IOException {
    String base = from.toString();
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.equals(from) || !ignored.test(rel(dir)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
        String rel = rel(p);
        if (ignored.test(rel)) {
          return FileVisitResult.CONTINUE;
        }
        Path at = from == shown ? p : shown.resolve(from.relativize(p));
        if (attrs.isSymbolicLink()) {
          link(at, real.resolve(from.relativize(p)), rel, outer);
        } else if (attrs.isRegularFile()) {
          found.add(new Found(at, rel, attrs.size(), FileStamp.nanos(attrs.lastModifiedTime())));
        }
        return FileVisitResult.CONTINUE;
      }

      private String rel(Path p) {
        String full = p.toString();
        return prefix + (full.startsWith(base) && full.length() > base.length() + 1
            ? full.substring(base.length() + 1).replace('\\', '/') : Urls.slashed(from.relativize(p)));
      }
    });
  }

  /**
   * A symbolic link found at {@code at} (the path the author sees), {@code linkReal} once the folders
   * above it are resolved.
   */
  private void link(Path at, Path linkReal, String rel, List<Path> outer) throws IOException {
    Path target;
    try {
      target = linkReal.toRealPath();
    } catch (NoSuchFileException e) {
      if (!at.getFileName().toString().startsWith(".#")) { // an editor's lock file, not the author's link
        problems.add(Problem.of(at, "is a symbolic link to " + Files.readSymbolicLink(linkReal)
            + ", which does not exist; fix the link or delete it"));
      }
      return;
    } catch (IOException e) {
      problems.add(Problem.of(at, "is a symbolic link that cannot be followed (" + e + "); fix the link or delete it"));
      return;
    }
    if (!target.startsWith(siteReal) && !target.startsWith(rootReal)) {
      problems.add(Problem.of(at, "is a symbolic link to " + target + ", which is outside the site folder "
          + site + "; a link may only point inside the site, so that no file from elsewhere is published:"
          + " copy what it points to into the site, or delete the link"));
      return;
    }
    BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
    if (attrs.isRegularFile()) {
      found.add(new Found(at, rel, attrs.size(), FileStamp.nanos(attrs.lastModifiedTime())));
      return;
    }
    if (!attrs.isDirectory()) {
      return;
    }
    // A link to a folder that holds it (or holds a link that led here) would be walked forever.
    Path here = linkReal.getParent();
    boolean loops = here.startsWith(target);
    for (Path o : outer) {
      loops |= o.startsWith(target);
    }
    if (loops) {
      problems.add(Problem.of(at, "is a symbolic link to " + target + ", a folder that holds the link (or a link that"
          + " led here), so following it would never end; delete the link"));
      return;
    }
    List<Path> deeper = new ArrayList<>(outer);
    deeper.add(here);
    deeper.add(target);
    walk(at, target, target, rel + "/", deeper);
  }
}
