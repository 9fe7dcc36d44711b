package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.publisher.aws.S3Destination;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a destination says before it calls AWS. */
class S3DestinationTest {

  @Test
  void withoutABucketOrADomainItSaysWhatToSet() {
    assertThatThrownBy(() -> S3Destination.builder().bucket(" ").build().publisher(Path.of("site"), PublishListener.SILENT))
        .isInstanceOf(PublishException.class).hasMessageContaining("Set <bucket>").hasMessageContaining("<domain>");
  }

  @Test
  void aPrefixThatClimbsOutIsRefused() {
    assertThatThrownBy(() -> S3Destination.builder().prefix("site/../other"))
        .isInstanceOf(PublishException.class).hasMessageContaining("<prefix> (-Dedgepress.prefix) must not contain '..'");
  }
}
