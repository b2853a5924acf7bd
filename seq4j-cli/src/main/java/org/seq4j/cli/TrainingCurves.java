package org.seq4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seq4j.train.History;

/** The training-curve PNG: loss and accuracy per epoch, train and validation, side by side (XChart). */
public final class TrainingCurves {
    private TrainingCurves() {}

    static void write(History h, String title, Path png) throws IOException {
        XYChart loss = chart(title + ": loss", "loss");
        XYChart acc = chart(title + ": accuracy", "accuracy");
        add(loss, "train", h.get("loss"));
        add(loss, "validation", h.get("val_loss"));
        add(acc, "train", h.get("accuracy"));
        add(acc, "validation", h.get("val_accuracy"));
        java.awt.image.BufferedImage a = BitmapEncoder.getBufferedImage(loss);
        java.awt.image.BufferedImage b = BitmapEncoder.getBufferedImage(acc);
        java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(a.getWidth() + b.getWidth(), a.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = both.createGraphics();
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth(), 0, null);
        g.dispose();
        writeAtomically(both, png);
    }

    static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        c.getStyler().setMarkerSize(6);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    private static void add(XYChart c, String name, List<Double> values) {
        if (values.isEmpty()) return;
        double[] x = IntStream.rangeClosed(1, values.size()).asDoubleStream().toArray();
        double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
        c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
    }

    /** Encodes to a temp file next to {@code png}, then renames it into place. */
    public static void writeAtomically(java.awt.image.BufferedImage img, Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
        try {
            if (!javax.imageio.ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer available");
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
