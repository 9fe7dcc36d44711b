package dev.edgepress.generator.template;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Template functions: {@code url('/css/site.css')} (site-relative, with the base URL's path),
 * {@code absUrl('/about/')} (absolute, with the base URL), {@code formatDate(date, 'd MMMM yyyy')}
 * and the filter {@code isoDate} (2024-05-31T09:30:00Z, for feeds, sitemaps and datetime=).
 */
final class SiteFunctions extends AbstractExtension {

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private final URI baseUrl;
  private final String basePath;
  private final Locale locale;

  SiteFunctions(URI baseUrl, String basePath, String language) {
    this.baseUrl = baseUrl;
    this.basePath = basePath;
    this.locale = Locale.forLanguageTag(language);
  }

  String relative(String path) {
    if (path == null) {
      return basePath;
    }
    if (SCHEME.matcher(path).matches() || path.startsWith("//") || path.startsWith("#")) {
      return path;
    }
    if (path.startsWith(basePath) && !basePath.equals("/")) {
      return path;
    }
    return basePath + (path.startsWith("/") ? path.substring(1) : path);
  }

  String absolute(String path) {
    if (path != null && (SCHEME.matcher(path).matches() || path.startsWith("//"))) {
      return path;
    }
    String rel = relative(path);
    return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + rel;
  }

  private abstract static class OneArg implements Function {
    @Override
    public List<String> getArgumentNames() {
      return List.of("path");
    }
  }

  @Override
  public Map<String, Function> getFunctions() {
    return Map.of(
        "url", new OneArg() {
          @Override
          public Object execute(Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            Object p = args.get("path");
            return relative(p == null ? null : p.toString());
          }
        },
        "absUrl", new OneArg() {
          @Override
          public Object execute(Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            Object p = args.get("path");
            return absolute(p == null ? null : p.toString());
          }
        },
        "formatDate", new Function() {
          @Override
          public List<String> getArgumentNames() {
            return List.of("date", "pattern");
          }

          @Override
          public Object execute(Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            Object date = args.get("date");
            if (!(date instanceof TemporalAccessor temporal)) {
              return "";
            }
            Object pattern = args.get("pattern");
            return DateTimeFormatter.ofPattern(pattern == null ? "d MMMM yyyy" : pattern.toString(), locale)
                .format(temporal);
          }
        });
  }

  @Override
  public Map<String, Filter> getFilters() {
    return Map.of(
        "isoDate", new Filter() {
          @Override
          public List<String> getArgumentNames() {
            return List.of();
          }

          @Override
          public Object apply(Object input, Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            return input instanceof ZonedDateTime z ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z) : input;
          }
        },
        "rfc822", new Filter() {
          @Override
          public List<String> getArgumentNames() {
            return List.of();
          }

          @Override
          public Object apply(Object input, Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            return input instanceof ZonedDateTime z ? DateTimeFormatter.RFC_1123_DATE_TIME.format(z) : input;
          }
        });
  }
}
