package dev.drover.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javax.imageio.ImageIO;

/** Writes JavaFX images as PNG without javafx-swing, and judges whether one shows anything. */
final class Snapshots {

    private Snapshots() {
    }

    static Path writePng(Image image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = pixels(image);
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("No PNG writer in javax.imageio");
        }
        return file;
    }

    /**
     * A rendered shell has text, icons, borders and anti-aliasing: hundreds of colours, and no
     * single colour covers nearly everything. A blank or failed render has a handful.
     */
    static void assertNotBlank(Image image) {
        Map<Integer, Integer> histogram = new HashMap<>();
        int[] argb = pixels(image);
        for (int pixel : argb) {
            histogram.merge(pixel, 1, Integer::sum);
        }
        int dominant = histogram.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(histogram.size()).as("distinct colours").isGreaterThanOrEqualTo(64);
        assertThat((double) dominant / argb.length).as("share of the most common colour").isLessThan(0.9);
    }

    static double averageLuminance(Image image) {
        int[] argb = pixels(image);
        double sum = 0;
        for (int pixel : argb) {
            sum += 0.2126 * ((pixel >> 16) & 0xff) + 0.7152 * ((pixel >> 8) & 0xff) + 0.0722 * (pixel & 0xff);
        }
        return sum / argb.length;
    }

    private static int[] pixels(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return argb;
    }
}
