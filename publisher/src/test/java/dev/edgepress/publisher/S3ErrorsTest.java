package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.edgepress.publisher.aws.AwsClients;
import dev.edgepress.publisher.store.S3Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** S3's answers to a wrong region and to missing permissions, as S3 sends them, become clear messages. */
class S3ErrorsTest {

  @TempDir Path dir;
  HttpServer server;
  volatile int status;
  volatile String body;
  volatile String regionHeader;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/xml");
      if (regionHeader != null) {
        ex.getResponseHeaders().add("x-amz-bucket-region", regionHeader);
      }
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    server.start();
    Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("site/index.html"), "home");
    // A page besides the home page: a site with none is refused before the bucket is asked.
    Files.writeString(dir.resolve("site/about.html"), "about");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  Publisher publisher() {
    var s3 = AwsClients.s3(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
        Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())), 2);
    return Publisher.builder(dir.resolve("site"), new S3Store(s3, "my-site", "", "us-east-1")).build();
  }

  @Test
  void aBucketInAnotherRegionNamesThatRegion() {
    status = 301;
    regionHeader = "eu-west-1";
    body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PermanentRedirect</Code><Message>The bucket you are"
        + " attempting to access must be addressed using the specified endpoint.</Message><Bucket>my-site</Bucket>"
        + "<Endpoint>my-site.s3.eu-west-1.amazonaws.com</Endpoint><RequestId>1</RequestId></Error>";
    assertThatThrownBy(() -> publisher().publish()).isInstanceOf(PublishException.class)
        .hasMessage("The bucket 'my-site' is not in region us-east-1; it is in eu-west-1."
            + " Set <region> / -Dedgepress.region=eu-west-1.");
  }

  @Test
  void accessDeniedNamesThePermissionsNeeded() {
    status = 403;
    body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message>"
        + "<RequestId>1</RequestId></Error>";
    assertThatThrownBy(() -> publisher().publish()).isInstanceOf(PublishException.class)
        .hasMessageContaining("Access denied to list the objects of s3://my-site/ (AccessDenied)")
        .hasMessageContaining("s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject");
  }
}
