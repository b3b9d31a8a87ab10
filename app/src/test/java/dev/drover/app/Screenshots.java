package dev.drover.app;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/**
 * Saves what a person would see of a scene under {@code target/screenshots/NAME.png} and fails if the
 * picture is blank (a handful of colours, or one colour nearly everywhere).
 */
public final class Screenshots {

    public static final Path DIRECTORY = Path.of("target", "screenshots");

    private Screenshots() {
    }

    public static WritableImage save(FxRobot robot, Scene scene, String name) throws IOException {
        robot.interact(() -> { });
        WritableImage image = onFx(() -> scene.snapshot(null));
        writePng(image, DIRECTORY.resolve(name + ".png"));
        assertNotBlank(image);
        return image;
    }

    static void writePng(Image image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, pixels(image), 0, width);
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("No PNG writer in javax.imageio");
        }
    }

    /**
     * A page has text, icons, borders and anti-aliasing: at least dozens of colours, and its background,
     * however calm, leaves a few percent to everything else. A blank or failed render has a handful of
     * colours, or one covering nearly every pixel.
     */
    public static void assertNotBlank(Image image) {
        Map<Integer, Integer> histogram = new HashMap<>();
        int[] argb = pixels(image);
        for (int pixel : argb) {
            histogram.merge(pixel, 1, Integer::sum);
        }
        int dominant = histogram.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(histogram.size()).as("distinct colours").isGreaterThanOrEqualTo(64);
        assertThat((double) dominant / argb.length).as("share of the most common colour").isLessThan(0.97);
    }

    private static int[] pixels(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return argb;
    }
}
