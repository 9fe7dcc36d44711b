package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.DepKey;
import dev.edgepress.generator.cache.Reads;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The site's data as the top-level {@code data} variable of one output's templates: a read-only map
 * that records, in that output's reads, that a template looked into it ({@code data.authors}, or a
 * loop over it, which reads no attribute).
 */
final class ReadTracked extends AbstractMap<String, Object> {

  private final Map<String, Object> map;
  private final Reads reads;

  ReadTracked(Map<String, Object> map, Reads reads) {
    this.map = map;
    this.reads = reads;
  }

  private void read() {
    reads.add(DepKey.Site.DATA);
  }

  @Override
  public Object get(Object k) {
    read();
    return map.get(k);
  }

  @Override
  public boolean containsKey(Object k) {
    read();
    return map.containsKey(k);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    read();
    return map.entrySet();
  }

  @Override
  public int size() {
    read();
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    read();
    return map.isEmpty();
  }
}
