package dev.edgepress.generator.config;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.content.SourceText;
import dev.edgepress.generator.yaml.YamlDocument;
import dev.edgepress.generator.yaml.YamlProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads one key of site.yaml without building the site, for goals that need only it (provision
 * reads {@code headers} and {@code contact}, publish and serve {@code cacheRules}): a missing file
 * gives {@code absent}; an unreadable file or a bad value is every problem, with its line, in one
 * exception of the caller's kind.
 */
public final class SiteYamlKey {

  private SiteYamlKey() {}

  public static <T, E extends Exception> T read(Path siteYaml, T absent, BiFunction<YamlDocument, Problems, T> reader,
      Function<List<Problem>, E> failure) throws E {
    if (!Files.isRegularFile(siteYaml)) {
      return absent;
    }
    Problems problems = new Problems();
    T value = absent;
    try {
      value = reader.apply(YamlDocument.parse(SourceText.read(siteYaml).text(), siteYaml, 1), problems);
    } catch (SourceText.Unreadable e) {
      problems.add(e.problem());
    } catch (YamlProblem e) {
      problems.add(e.problem());
    }
    if (!problems.isEmpty()) {
      throw failure.apply(problems.list());
    }
    return value;
  }
}
