package dev.edgepress.generator.content;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads data/: each .yaml, .yml or .json file becomes {@code data.<name>} in templates; a folder
 * becomes a nested map ({@code data/team/people.yaml} is {@code data.team.people}).
 */
public final class DataLoader {

  private DataLoader() {}

  /** Reads data/; symbolic links are followed only inside {@code siteDir} ({@link SiteFiles}). */
  public static Map<String, Object> load(Path dataDir, Path siteDir, Problems problems) {
    if (!Files.isDirectory(dataDir)) {
      return Map.of();
    }
    Map<String, Object> root = new TreeMap<>();
    List<Path> files = SiteFiles.list(dataDir, siteDir, rel -> false, problems).stream()
        .map(SiteFiles.Found::file)
        .filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|json)$"))
        .toList();
    for (Path file : files) {
      Object value = read(file, problems);
      if (value == null) {
        continue;
      }
      Path rel = dataDir.relativize(file);
      Map<String, Object> node = root;
      for (int i = 0; i < rel.getNameCount() - 1; i++) {
        Object child = node.computeIfAbsent(rel.getName(i).toString(), k -> new TreeMap<String, Object>());
        if (!(child instanceof Map)) {
          problems.add(Problem.of(file, "data folder '" + rel.getName(i) + "' has the same name as a data file; rename one"));
          node = null;
          break;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) child;
        node = m;
      }
      if (node == null) {
        continue;
      }
      String name = rel.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
      if (node.putIfAbsent(name, value) != null) {
        problems.add(Problem.of(file, "two data files are both named '" + name + "'; rename one"));
      }
    }
    return Collections.unmodifiableMap(root);
  }

  private static Object read(Path file, Problems problems) {
    try {
      SourceText text = SourceText.read(file);
      LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema()).build();
      return new Load(settings).loadFromString(text.text());
    } catch (SourceText.Unreadable e) {
      problems.add(e.problem());
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      problems.add(new Problem(file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
          "malformed data file: " + e.getProblem() + "; fix the YAML or JSON syntax"));
    } catch (YamlEngineException e) {
      problems.add(Problem.of(file, "malformed data file: " + e.getMessage()));
    }
    return null;
  }
}
