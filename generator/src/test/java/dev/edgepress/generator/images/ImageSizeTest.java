package dev.edgepress.generator.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageSizeTest {

  static byte[] encode(String format, int w, int h) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).isTrue();
    return out.toByteArray();
  }

  @Test
  void readsPngGifAndJpegHeaders() throws IOException {
    assertThat(ImageSize.of(encode("png", 640, 480))).contains(new ImageSize(640, 480));
    assertThat(ImageSize.of(encode("gif", 32, 16))).contains(new ImageSize(32, 16));
    assertThat(ImageSize.of(encode("jpg", 300, 200))).contains(new ImageSize(300, 200));
  }

  @Test
  void readsWebpExtendedHeader() {
    byte[] b = new byte[30];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
    System.arraycopy("WEBPVP8X".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
    b[24] = (byte) 0xFF; // width - 1 = 0x0003FF -> 1024
    b[25] = 0x03;
    b[27] = (byte) 0xFF; // height - 1 = 0x0002FF -> 768
    b[28] = 0x02;
    assertThat(ImageSize.of(b)).contains(new ImageSize(1024, 768));
  }

  @Test
  void readsSvgWidthHeightOrViewBox() {
    assertThat(ImageSize.of("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\">".getBytes(StandardCharsets.UTF_8)))
        .contains(new ImageSize(120, 60));
    assertThat(ImageSize.of("<?xml version=\"1.0\"?><svg viewBox=\"0 0 24.5 12\"></svg>".getBytes(StandardCharsets.UTF_8)))
        .contains(new ImageSize(25, 12));
  }

  @Test
  void somethingElseHasNoSize() {
    assertThat(ImageSize.of("not an image".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(ImageSize.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEmpty();
  }
}
