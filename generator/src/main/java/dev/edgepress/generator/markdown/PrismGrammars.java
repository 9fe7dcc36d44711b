package dev.edgepress.generator.markdown;

import io.noties.prism4j.annotations.PrismBundle;

/**
 * The Prism grammars bundled into the generator: prism4j-bundler, an annotation processor, copies
 * these languages' classes into the build and generates {@code PrismGrammarLocator} beside this
 * class. The languages Prism4j lacks are in {@link ExtraGrammars}.
 */
@PrismBundle(
    include = {
      "clike", "markup", "css", "javascript", "java", "kotlin", "groovy", "scala", "c", "cpp", "csharp",
      "swift", "go", "python", "json", "yaml", "sql", "markdown", "makefile", "git"
    },
    grammarLocatorClassName = ".PrismGrammarLocator")
final class PrismGrammars {

  private PrismGrammars() {}
}
