package dev.edgepress.generator.template;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.cache.DepKey;
import dev.edgepress.generator.cache.Reads;
import dev.edgepress.generator.config.SiteConfig;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pebble, with autoescaping, over three layers: the site's templates/, the theme, then the
 * built-in defaults. Built once and shared by all rendering threads.
 *
 * <p>Each render is given the {@link Reads} of the output it makes. They travel in the evaluation
 * context (a variable no template can name), where the model's attribute resolver and the {@code
 * asset()} function find them. Only Pebble's loader, which looks up the templates that a template
 * extends, includes or imports, is given no context by Pebble's API: for it alone the reads of the
 * render in progress are bound to the rendering thread, for the length of that render.
 */
public final class Templates {

  static final String BUILTIN = "edgepress/builtin/templates/";
  /** The evaluation context's variable that holds the reads: not a name the template syntax allows. */
  private static final String READS = "$edgepress.reads";
  private static final ThreadLocal<Reads> LOOKUPS = new ThreadLocal<>();

  private final PebbleEngine engine;
  private final LayeredLoader loader;
  private final Path siteDir;
  private final ConcurrentHashMap<List<String>, String> chosen = new ConcurrentHashMap<>();
  private final StrictNames strict = new StrictNames();

  /**
   * @param siteTemplates the site's templates/ folder (may not exist)
   * @param siteDir the site's folder, to show template paths relative to it
   * @param modelReads records which parts of the model a template reads (given the attribute and
   *     the context, see {@link #reads(EvaluationContextImpl)}); it resolves nothing itself
   */
  public Templates(Path siteTemplates, Path siteDir, Theme theme, SiteConfig config, Assets assets,
      ClassLoader builtins, AttributeResolver modelReads) {
    List<TemplateLayer> layers = new ArrayList<>();
    layers.add(TemplateLayer.directory(siteTemplates, siteDir.relativize(siteTemplates).toString().replace('\\', '/')));
    if (theme != null) {
      layers.add(theme.templates());
    }
    layers.add(TemplateLayer.classpath(builtins, BUILTIN, "built-in"));
    this.loader = new LayeredLoader(layers, name -> {
      Reads reads = LOOKUPS.get();
      if (reads != null) {
        reads.add(new DepKey.Template(name));
      }
    });
    this.siteDir = siteDir;
    this.engine =
        new PebbleEngine.Builder()
            .loader(loader)
            .autoEscaping(true)
            .strictVariables(false)
            .cacheActive(true)
            .extension(new SiteFunctions(config, assets))
            .extension(new AbstractExtension() {
              @Override
              public List<AttributeResolver> getAttributeResolver() {
                return List.of(modelReads, strict.attributes());
              }

              @Override
              public List<NodeVisitorFactory> getNodeVisitors() {
                return List.of(strict.declarations());
              }
            })
            .build();
  }

  /**
   * The first of {@code candidates} that exists; each candidate counts as read (a new one that
   * exists later changes the choice).
   *
   * @throws TemplateFailure naming every place searched when none exists
   */
  public String choose(List<String> candidates, Reads reads, Path forFile, String forWhat) throws TemplateFailure {
    for (String name : candidates) {
      reads.add(new DepKey.Template(name));
    }
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
              + "\n    add one of these files, or fix 'layout' in the front matter"), null, "");
    }
    return found;
  }

  /**
   * Renders template {@code name} with {@code model} (which this adds the reads to), as UTF-8,
   * recording in {@code reads} the templates it used and what it read of the model.
   */
  public byte[] render(String name, Map<String, Object> model, Reads reads, Path forFile) throws TemplateFailure {
    Reads outer = LOOKUPS.get();
    LOOKUPS.set(reads);
    try {
      reads.add(new DepKey.Template(name));
      PebbleTemplate template = engine.getTemplate(name);
      Utf8Output out = Utf8Output.reset();
      model.put(READS, reads);
      template.evaluate(out, strict.variables(model));
      return out.toByteArray();
    } catch (PebbleException e) {
      String page = forFile == null ? null : displayPath(forFile);
      String named = e.getFileName() == null ? name : e.getFileName();
      int line = e.getLineNumber() == null ? 0 : e.getLineNumber();
      if (e instanceof ParserException) {
        Optional<TemplateSyntax.Finding> finding = loader.source(named).flatMap(TemplateSyntax::diagnose);
        if (finding.isPresent() && finding.get().line() < line) {
          throw new TemplateFailure(Problem.at(Path.of(loader.where(named)), finding.get().line(),
              "template syntax: " + finding.get().message() + " (Pebble stopped at line " + line + ": "
                  + e.getPebbleMessage() + ")"), page, "; fix the template");
        }
      }
      if (line <= 0 && e instanceof RootAttributeNotFoundException missing) {
        // Thrown from the model's lookup, which knows no line: the first line of the templates this
        // render used that names the variable.
        Pattern word = Pattern.compile("(?<![\\w.])" + Pattern.quote(missing.getAttributeName()) + "\\b");
        for (String t : templatesUsed(reads, named)) {
          String[] lines = loader.source(t).orElse("").split("\n", -1);
          for (int i = 0; i < lines.length; i++) {
            if (word.matcher(lines[i]).find()) {
              throw new TemplateFailure(Problem.at(Path.of(loader.where(t)), i + 1,
                  "template error: " + e.getPebbleMessage()), page, "; fix the template");
            }
          }
        }
      }
      String culprit = culprit(named, line, e.getPebbleMessage(), reads);
      throw new TemplateFailure(Problem.at(Path.of(loader.where(culprit)), line,
          "template error: " + e.getPebbleMessage()), page, "; fix the template");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      String page = forFile == null ? null : displayPath(forFile);
      throw new TemplateFailure(Problem.of(Path.of(loader.where(name)), "template failed: " + e), page,
          "; fix the template or the value it uses");
    } finally {
      LOOKUPS.set(outer);
    }
  }

  /** What Pebble's messages quote: [noSuchFunction], "endblock". */
  private static final Pattern QUOTED = Pattern.compile("\\[([^\\]]+)\\]|\"([^\"]+)\"");

  /**
   * The template that holds the mistake. Pebble names the template being evaluated, which for a
   * block that a child template overrides is the parent ({@code base.html}), though the line is the
   * child's: of the templates this render used, the one whose line has the name Pebble quotes is it.
   */
  private String culprit(String named, int line, String message, Reads reads) {
    Matcher m = QUOTED.matcher(message == null ? "" : message);
    List<String> quoted = new ArrayList<>();
    while (m.find()) {
      quoted.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    if (quoted.isEmpty() || line <= 0 || hasAt(named, line, quoted)) {
      return named;
    }
    for (String t : templatesUsed(reads, named)) {
      if (hasAt(t, line, quoted)) {
        return t;
      }
    }
    return named;
  }

  /** The templates a render looked up, {@code first} first. */
  private static List<String> templatesUsed(Reads reads, String first) {
    List<String> names = new ArrayList<>();
    names.add(first);
    for (DepKey key : reads.keys()) {
      if (key instanceof DepKey.Template t && !t.name().equals(first)) {
        names.add(t.name());
      }
    }
    return names;
  }

  private boolean hasAt(String template, int line, List<String> words) {
    return loader.source(template).map(text -> {
      String[] lines = text.split("\n", -1);
      return line <= lines.length && words.stream().anyMatch(lines[line - 1]::contains);
    }).orElse(false);
  }

  /**
   * The reads of the output whose render {@code context} belongs to, or null outside a render.
   * Looked up in the bottom scopes, which a macro's local scope does not hide.
   */
  public static Reads reads(EvaluationContext context) {
    if (context instanceof EvaluationContextImpl impl) {
      for (Scope scope : impl.getScopeChain().getGlobalScopes()) {
        if (scope.get(READS) instanceof Reads reads) {
          return reads;
        }
      }
    }
    return null;
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
