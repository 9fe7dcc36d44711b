package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.Deps;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/** A read-only map that tells {@link Deps} when a template looks into it ({@code data.authors}). */
final class ReadTracked extends AbstractMap<String, Object> {

  private final Map<String, Object> map;
  private final String key;

  ReadTracked(Map<String, Object> map, String key) {
    this.map = map;
    this.key = key;
  }

  @Override
  public Object get(Object k) {
    Deps.read(key);
    return map.get(k);
  }

  @Override
  public boolean containsKey(Object k) {
    Deps.read(key);
    return map.containsKey(k);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Deps.read(key);
    return map.entrySet();
  }

  @Override
  public int size() {
    Deps.read(key);
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    Deps.read(key);
    return map.isEmpty();
  }
}
