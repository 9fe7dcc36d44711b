package dev.edgepress.maven;

import dev.edgepress.generator.BuildException;
import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.BuildResult;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.Problem;
import dev.edgepress.generator.cache.CacheStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The build in its own JVM (see {@link BuildMojo#fork}). Reads the generator's settings from a
 * properties file, runs it, and answers on stdout one line a message, which the mojo reads back:
 * {@code INFO|WARN|DEBUG text}, {@code PROBLEM file\tline\tcolumn\tmessage}, {@code RESULT pages
 * listPages files millis}. Exit 0: built; 2: the site has problems; 1: anything else. Uses no Maven
 * types: Maven's classes are not on this JVM's classpath.
 */
public final class ForkedBuild {

  private ForkedBuild() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--daemon")) {
      BuildDaemon.serve(Path.of(args[1]), Integer.parseInt(args[2]), args[3], args.length > 4 ? Path.of(args[4]) : null);
      return;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    int code = build(p, out, null, false);
    out.flush();
    System.exit(code);
  }

  /**
   * Runs one build and writes its lines to {@code out}; returns the exit code (0 built, 2 problems,
   * 1 anything else).
   *
   * @param store the build cache store, or null for the cache file read and written by this build
   * @param warmUp build without writing anything (see {@link Generator.Builder#warmUp})
   */
  static int build(Properties p, PrintStream out, CacheStore store, boolean warmUp) {
    try {
      Generator.Builder builder = configure(p, new BuildListener() {
        @Override
        public void info(String message) {
          out.println("INFO " + oneLine(message));
        }

        @Override
        public void warn(String message) {
          out.println("WARN " + oneLine(message));
        }

        @Override
        public void debug(String message) {
          out.println("DEBUG " + oneLine(message));
        }
      });
      if (store != null) {
        builder.cacheStore(store);
      }
      builder.warmUp(warmUp);
      BuildResult result = builder.build().build();
      out.println("RESULT " + result.pages() + " " + result.listPages() + " " + result.files() + " "
          + result.elapsed().toMillis() + " " + result.rendered());
      return 0;
    } catch (BuildException e) {
      for (Problem problem : e.problems()) {
        out.println("PROBLEM " + (problem.file() == null ? "" : problem.file()) + "\t" + problem.line() + "\t"
            + problem.column() + "\t" + oneLine(problem.message()));
      }
      return 2;
    } catch (RuntimeException e) {
      out.println("ERROR " + oneLine(String.valueOf(e)));
      e.printStackTrace(System.err);
      return 1;
    }
  }

  /** The generator configured from the properties that {@link BuildMojo} wrote. */
  static Generator.Builder configure(Properties p, BuildListener listener) {
    Generator.Builder b = Generator.builder(Path.of(p.getProperty("siteDirectory")))
        .outputDirectory(Path.of(p.getProperty("outputDirectory")))
        .includeDrafts(Boolean.parseBoolean(p.getProperty("drafts")))
        .includeFuture(Boolean.parseBoolean(p.getProperty("future")))
        .includeExpired(Boolean.parseBoolean(p.getProperty("expired")))
        .baseUrl(p.getProperty("baseUrl"))
        .threads(Integer.parseInt(p.getProperty("threads", "0")))
        .linkCheck(dev.edgepress.generator.links.LinkCheck.valueOf(p.getProperty("links", "FAIL")))
        .themeClassLoader(ForkedBuild.class.getClassLoader())
        .incremental(Boolean.parseBoolean(p.getProperty("incremental", "true")))
        .listener(listener);
    if (p.getProperty("cacheFile") != null) {
      b.cacheFile(Path.of(p.getProperty("cacheFile")));
    }
    if (p.getProperty("configFile") != null) {
      b.configFile(Path.of(p.getProperty("configFile")));
    }
    if (p.getProperty("contentDirectory") != null) {
      b.contentDirectory(Path.of(p.getProperty("contentDirectory")));
    }
    if (p.getProperty("staticDirectory") != null) {
      b.staticDirectory(Path.of(p.getProperty("staticDirectory")));
    }
    if (p.getProperty("templatesDirectory") != null) {
      b.templatesDirectory(Path.of(p.getProperty("templatesDirectory")));
    }
    if (p.getProperty("dataDirectory") != null) {
      b.dataDirectory(Path.of(p.getProperty("dataDirectory")));
    }
    return b;
  }

  static String oneLine(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "");
  }

  static String fromOneLine(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
