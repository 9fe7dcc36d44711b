package dev.edgepress.generator.template;

import dev.edgepress.generator.cache.Hash64;
import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Pebble loader over layers in order: the first layer that has a template wins, so a site
 * overrides any single theme template or partial by putting a file at the same path.
 */
final class LayeredLoader implements Loader<String> {

  private final List<TemplateLayer> layers;
  /** Name to the layer that served it, for messages that name the template file. */
  private final ConcurrentHashMap<String, TemplateLayer> servedBy = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> fingerprints = new ConcurrentHashMap<>();

  private final Consumer<String> onLookup;

  /** @param onLookup told the name of each template looked up, cached or not */
  LayeredLoader(List<TemplateLayer> layers, Consumer<String> onLookup) {
    this.layers = List.copyOf(layers);
    this.onLookup = onLookup;
  }

  private Optional<Found> find(String name) {
    for (TemplateLayer layer : layers) {
      Optional<byte[]> bytes = layer.read(name);
      if (bytes.isPresent()) {
        return Optional.of(new Found(layer, bytes.get()));
      }
    }
    return Optional.empty();
  }

  private record Found(TemplateLayer layer, byte[] bytes) {}

  /** The text of the template a name resolves to, if any. */
  Optional<String> source(String name) {
    return find(name).map(f -> new String(f.bytes(), StandardCharsets.UTF_8));
  }

  @Override
  public Reader getReader(String name) {
    Found found = find(name).orElseThrow(() ->
        new LoaderException(null, "template '" + name + "' not found; looked in " + searched(name)));
    servedBy.put(name, found.layer());
    return new StringReader(new String(found.bytes(), StandardCharsets.UTF_8));
  }

  @Override
  public boolean resourceExists(String name) {
    return layers.stream().anyMatch(l -> l.read(name).isPresent());
  }

  /** Where a template was read from, e.g. templates/page.html; the name itself when unknown. */
  String where(String name) {
    TemplateLayer layer = servedBy.get(name);
    return layer == null ? name : layer.describe(name);
  }

  String searched(String name) {
    return layers.stream().map(l -> l.describe(name)).collect(Collectors.joining(", "));
  }

  @Override
  public void setCharset(String charset) {}

  @Override
  public void setPrefix(String prefix) {}

  @Override
  public void setSuffix(String suffix) {}

  @Override
  public String resolveRelativePath(String relativePath, String anchorPath) {
    if (anchorPath == null || !(relativePath.startsWith("./") || relativePath.startsWith("../"))) {
      return null;
    }
    String dir = anchorPath.contains("/") ? anchorPath.substring(0, anchorPath.lastIndexOf('/') + 1) : "";
    return java.nio.file.Path.of(dir + relativePath).normalize().toString().replace('\\', '/');
  }

  /**
   * Pebble asks for the cache key on every lookup, cached or not (a page's template, and each
   * extends, include, import and embed while it renders): the place to record which templates an
   * output used.
   */
  @Override
  public String createCacheKey(String templateName) {
    onLookup.accept(templateName);
    return templateName;
  }

  /** A fingerprint of what the name resolves to now: which layer, and its bytes; or its absence. */
  long fingerprint(String name) {
    return fingerprints.computeIfAbsent(name, n -> find(n)
        .map(f -> new Hash64().add(layers.indexOf(f.layer())).add(f.bytes()).get())
        .orElse(0L));
  }
}
