package dev.edgepress.generator.template;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.content.Urls;
import dev.edgepress.generator.content.Resource;
import dev.edgepress.generator.content.SiteFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A theme: templates and static files. It is either a folder (theme: ./themes/mine in site.yaml)
 * or a jar on the plugin's classpath holding edgepress/themes/NAME/ (theme: default).
 */
public record Theme(String name, TemplateLayer templates, List<Resource> staticFiles) {

  public static final String DEFAULT = "default";
  static final String CLASSPATH_ROOT = "edgepress/themes/";

  /** Finds the theme named in site.yaml; reports a problem and returns empty when it is missing. */
  public static Optional<Theme> load(
      Optional<String> setting, Path siteDir, Path configFile, int configLine, ClassLoader loader, Problems problems) {
    String name = setting.orElse(DEFAULT);
    Path dir = siteDir.resolve(name).normalize();
    if (name.contains("/") || name.startsWith(".") || Files.isDirectory(dir)) {
      if (!Files.isDirectory(dir)) {
        problems.add(Problem.at(configFile, configLine,
            "theme folder '" + name + "' not found (looked for " + dir + "); fix 'theme' in site.yaml"));
        return Optional.empty();
      }
      return Optional.of(new Theme(name,
          TemplateLayer.directory(dir.resolve("templates"), "theme " + name + "/templates"),
          // A theme folder is the author's, like static/: its links follow the same rule (SiteFiles).
          SiteFiles.list(dir.resolve("static"), siteDir, rel -> false, problems).stream()
              .map(f -> Resource.ofFile(f.file(), f.rel(), "theme " + name + ": static/" + f.rel())).toList()));
    }
    String root = CLASSPATH_ROOT + name + "/";
    URL marker = loader.getResource(root + "theme.yaml");
    if (marker == null) {
      problems.add(Problem.at(configFile, configLine,
          "theme '" + name + "' not found: no folder " + dir + " and no jar on the plugin's classpath with "
              + root + "theme.yaml; use theme: default, a folder path, or add the theme's jar as a"
              + " <dependency> of edgepress-maven-plugin"));
      return Optional.empty();
    }
    return Optional.of(new Theme(name,
        TemplateLayer.classpath(loader, root + "templates/", "theme " + name),
        classpathStatic(marker, "theme " + name)));
  }

  private static List<Resource> staticFrom(Path dir, String label) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Resource> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .sorted(Comparator.comparing(p -> Urls.slashed(dir.relativize(p))))
          .forEach(p -> {
            String rel = Urls.slashed(dir.relativize(p));
            out.add(Resource.ofFile(p, rel, label + ": static/" + rel));
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return List.copyOf(out);
  }

  /** Static files of a theme found through its theme.yaml marker, in a jar or a folder. */
  private static List<Resource> classpathStatic(URL marker, String label) {
    try {
      URI uri = marker.toURI();
      if (uri.getScheme().equals("file")) {
        return staticFrom(Path.of(uri).getParent().resolve("static"), label);
      }
      if (uri.getScheme().equals("jar")) {
        // One at a time: the jar's file system is the JVM's, and a build that opened it closes it,
        // under another build of the same JVM (two serve previews, the daemon) still reading it.
        synchronized (JAR_FILE_SYSTEMS) {
          return jarStatic(uri, label);
        }
      }
      throw new IllegalStateException("theme at " + marker + " cannot be listed");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read theme at " + marker, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Object JAR_FILE_SYSTEMS = new Object();

  private static List<Resource> jarStatic(URI uri, String label) throws IOException {
    FileSystem fs;
    boolean close = false;
    try {
      fs = FileSystems.getFileSystem(uri);
    } catch (FileSystemNotFoundException e) {
      fs = FileSystems.newFileSystem(uri, Map.of());
      close = true;
    }
    try {
      Path dir = fs.provider().getPath(uri).getParent().resolve("static");
      List<Resource> files = staticFrom(dir, label);
      // Read into memory: the jar's file system may close before the files are copied.
      List<Resource> loaded = new ArrayList<>();
      for (Resource r : files) {
        loaded.add(Resource.ofBytes(r.read(), r.outputPath(), r.origin()));
      }
      return List.copyOf(loaded);
    } finally {
      if (close) {
        fs.close();
      }
    }
  }
}
