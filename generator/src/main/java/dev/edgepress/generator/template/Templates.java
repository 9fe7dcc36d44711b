package dev.edgepress.generator.template;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.cache.Deps;
import dev.edgepress.generator.config.SiteConfig;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pebble, with autoescaping, over three layers: the site's templates/, the theme, then the
 * built-in defaults. Built once and shared by all rendering threads.
 */
public final class Templates {

  static final String BUILTIN = "edgepress/builtin/templates/";

  private final PebbleEngine engine;
  private final LayeredLoader loader;
  private final Path siteDir;
  private final ConcurrentHashMap<List<String>, String> chosen = new ConcurrentHashMap<>();

  /**
   * @param siteTemplates the site's templates/ folder (may not exist)
   * @param siteDir the site's folder, to show template paths relative to it
   */
  public Templates(Path siteTemplates, Path siteDir, Theme theme, SiteConfig config, Assets assets,
      ClassLoader builtins) {
    List<TemplateLayer> layers = new ArrayList<>();
    layers.add(TemplateLayer.directory(siteTemplates, siteDir.relativize(siteTemplates).toString().replace('\\', '/')));
    if (theme != null) {
      layers.add(theme.templates());
    }
    layers.add(TemplateLayer.classpath(builtins, BUILTIN, "built-in"));
    this.loader = new LayeredLoader(layers);
    this.siteDir = siteDir;
    this.engine =
        new PebbleEngine.Builder()
            .loader(loader)
            .autoEscaping(true)
            .strictVariables(false)
            .cacheActive(true)
            .extension(new SiteFunctions(config, assets))
            .build();
  }

  /**
   * The first of {@code candidates} that exists.
   *
   * @throws TemplateFailure naming every place searched when none exists
   */
  public String choose(List<String> candidates, Path forFile, String forWhat) throws TemplateFailure {
    candidates.forEach(Deps::template);
    String found = chosen.computeIfAbsent(candidates, c -> {
      for (String name : c) {
        if (loader.resourceExists(name)) {
          return name;
        }
      }
      return "";
    });
    if (found.isEmpty()) {
      StringBuilder where = new StringBuilder();
      for (String name : candidates) {
        where.append("\n      ").append(loader.searched(name));
      }
      throw new TemplateFailure(Problem.of(forFile,
          "no template for " + forWhat + "; looked for:" + where
              + "\n    add one of these files, or fix 'layout' in the front matter"));
    }
    return found;
  }

  /** Renders template {@code name} with {@code model}, as UTF-8. */
  public byte[] render(String name, Map<String, Object> model, Path forFile) throws TemplateFailure {
    try {
      PebbleTemplate template = engine.getTemplate(name);
      Utf8Output out = Utf8Output.reset();
      boolean was = Deps.enterTemplate();
      try {
        template.evaluate(out, model);
      } finally {
        Deps.leaveTemplate(was);
      }
      return out.toByteArray();
    } catch (PebbleException e) {
      String file = e.getFileName() == null ? loader.where(name) : loader.where(e.getFileName());
      int line = e.getLineNumber() == null ? 0 : e.getLineNumber();
      String pageNote = forFile == null ? "" : " (while rendering " + displayPath(forFile) + ")";
      throw new TemplateFailure(Problem.at(Path.of(file), line,
          "template error: " + e.getPebbleMessage() + pageNote + "; fix the template"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      String pageNote = forFile == null ? "" : " (while rendering " + displayPath(forFile) + ")";
      throw new TemplateFailure(Problem.of(Path.of(loader.where(name)),
          "template failed: " + e + pageNote + "; fix the template or the value it uses"));
    }
  }

  /**
   * A fingerprint of the template a name resolves to now (0 when none does), for the build cache.
   */
  public long fingerprint(String name) {
    return loader.fingerprint(name);
  }

  private String displayPath(Path file) {
    return file.startsWith(siteDir) ? siteDir.relativize(file).toString() : file.toString();
  }
}
