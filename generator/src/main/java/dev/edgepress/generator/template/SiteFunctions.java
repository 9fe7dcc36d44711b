package dev.edgepress.generator.template;

import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.json.Json;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Template functions: {@code url('/css/site.css')} (site-relative, with the base URL's path),
 * {@code absUrl('/about/')} (absolute, with the base URL), {@code formatDate(date, 'd MMMM yyyy')}
 * and the filter {@code isoDate} (2024-05-31T09:30:00Z, for feeds, sitemaps and datetime=).
 */
final class SiteFunctions extends AbstractExtension {

  private final SiteConfig config;
  private final Locale locale;
  private final Assets assets;

  SiteFunctions(SiteConfig config, Assets assets) {
    this.config = config;
    this.assets = assets;
    this.locale = Locale.forLanguageTag(config.language());
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
            return config.url(p == null ? null : p.toString());
          }
        },
        "absUrl", new OneArg() {
          @Override
          public Object execute(Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            Object p = args.get("path");
            return config.absoluteUrl(p == null ? null : p.toString());
          }
        },
        "asset", new OneArg() {
          @Override
          public Object execute(Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            Object p = args.get("path");
            return assets.get(String.valueOf(p), Templates.reads(c)).orElseThrow(() -> new io.pebbletemplates.pebble.error.PebbleException(
                null, "asset('" + p + "'): there is no such file in static/ or in the theme's static/ folder",
                line, t.getName()));
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
        "isoDate", dateFilter(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        "rfc822", dateFilter(DateTimeFormatter.RFC_1123_DATE_TIME),
        "json", new Filter() {
          @Override
          public List<String> getArgumentNames() {
            return List.of();
          }

          @Override
          public Object apply(Object input, Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
            return new io.pebbletemplates.pebble.extension.escaper.SafeString(json(input));
          }
        });
  }

  /** A JSON value for a {@code <script type="application/ld+json">} block; dates in ISO 8601. */
  static String json(Object value) {
    return value instanceof ZonedDateTime z ? Json.string(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z))
        : Json.value(value);
  }

  /** A filter that formats a date with {@code format} and passes anything else through. */
  private static Filter dateFilter(DateTimeFormatter format) {
    return new Filter() {
      @Override
      public List<String> getArgumentNames() {
        return List.of();
      }

      @Override
      public Object apply(Object input, Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
        return input instanceof ZonedDateTime z ? format.format(z) : input;
      }
    };
  }
}
