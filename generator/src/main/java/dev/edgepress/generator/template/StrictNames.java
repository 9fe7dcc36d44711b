package dev.edgepress.generator.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a typo in a template an error instead of an empty string: {@code {{ page.titel }}} and
 * {@code {{ nosuchvar.foo }}} fail the build with the template's file and line. Pebble's own
 * strict mode cannot be used: it also fails {@code {% if page.date %}} when a page has no date and
 * any missing key of a map, which front matter {@code params} and {@code data} are full of.
 *
 * <p>So two narrower checks, both thrown as Pebble's "not found" exceptions, which Pebble itself
 * turns into false for {@code x is defined} and into the fallback of {@code x | default(...)}:
 * <ul>
 *   <li>an attribute that the site's own model types (page, site, section, term, paginator, ...)
 *       do not have ({@link #attributes()}); maps and lists are left alone: their keys are data;
 *   <li>a variable that is neither in the model of the page being rendered nor given a value
 *       anywhere in the site's templates ({@code set}, {@code for}, macro arguments): see
 *       {@link #variables(Map)}. A variable that a template sets to null is therefore still fine.
 * </ul>
 */
final class StrictNames {

  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final Map<Class<?>, Set<String>> members = new ConcurrentHashMap<>();

  /** Collects, as each template is compiled, the names its tags give values to. */
  NodeVisitorFactory declarations() {
    return template -> new AbstractNodeVisitor((PebbleTemplateImpl) template) {
      @Override
      public void visit(SetNode node) {
        declared.add(node.getName());
        super.visit(node);
      }

      @Override
      public void visit(ForNode node) {
        declared.add(node.getIterationVariable());
        declared.add("loop");
        super.visit(node);
      }

      @Override
      public void visit(MacroNode node) {
        ArgumentsNode args = node.getArgs();
        if (args != null && args.getNamedArgs() != null) {
          for (NamedArgumentNode a : args.getNamedArgs()) {
            declared.add(a.getName());
          }
        }
        super.visit(node);
      }
    };
  }

  /** The model of one render, refusing names that nothing defines. */
  Map<String, Object> variables(Map<String, Object> model) {
    return new HashMap<>(model) {
      @Override
      public Object get(Object key) {
        Object value = super.get(key);
        if (value == null && key instanceof String name && !containsKey(name) && !declared.contains(name)
            && !name.startsWith("_")) {
          throw new RootAttributeNotFoundException(null, "there is no variable [" + name + "]"
              + suggestion(name, keySet()) + "; use '" + name + " is defined' or '" + name
              + " | default(...)' if it may be missing", name, 0, null);
        }
        return value;
      }
    };
  }

  /** Refuses attributes that a model type of the site does not have. */
  AttributeResolver attributes() {
    return new AttributeResolver() {
      @Override
      public ResolvedAttribute resolve(Object instance, Object attribute, Object[] arguments, ArgumentsNode args,
          EvaluationContextImpl context, String filename, int line) {
        if (instance == null || !instance.getClass().getName().startsWith("dev.edgepress.")
            || instance instanceof Map || instance instanceof Iterable) {
          return null;
        }
        String name = String.valueOf(attribute);
        Set<String> known = members.computeIfAbsent(instance.getClass(), StrictNames::membersOf);
        if (!known.contains(name)) {
          throw new AttributeNotFoundException(null, typeName(instance) + " has no field [" + name + "]"
              + suggestion(name, known), name, line, filename);
        }
        return null;
      }
    };
  }

  private static Set<String> membersOf(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String n = m.getName();
      names.add(n);
      for (String prefix : new String[] {"get", "is", "has"}) {
        if (n.length() > prefix.length() && n.startsWith(prefix) && Character.isUpperCase(n.charAt(prefix.length()))) {
          names.add(Character.toLowerCase(n.charAt(prefix.length())) + n.substring(prefix.length() + 1));
        }
      }
    }
    return Set.copyOf(names);
  }

  private static String typeName(Object instance) {
    String simple = instance.getClass().getSimpleName();
    return switch (simple) {
      case "SiteView" -> "site";
      case "Asset" -> "an asset";
      default -> simple.isEmpty() ? "this value" : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    };
  }

  /** "; did you mean 'title'?" for a name within two edits of a known one, else "". */
  private static String suggestion(String name, Set<String> known) {
    return known.stream()
        .filter(k -> distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT)) <= 2)
        .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k))
        .map(k -> "; did you mean '" + k + "'?").orElse("");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
