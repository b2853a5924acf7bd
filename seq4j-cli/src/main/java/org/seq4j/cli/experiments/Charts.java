package org.seq4j.cli.experiments;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seq4j.cli.TrainingCurves;

/**
 * The experiment's PNGs (XChart, written atomically):
 * {@code gradient_flow.png}, log10 ‖∂L/∂h_t‖ against the distance T − t from the loss, one curve per cell, at
 * initialization (left) and after training (right), one row for each of the two longest T, all on the same y
 * range; and {@code adding.png},
 * the test MSE against T per cell with the constant-prediction baseline and the "solved" threshold.
 *
 * <p>The gradient chart plots log10 of the norm on a linear axis rather than the norm on XChart's log axis, which
 * labels every one of the 40-odd decades these norms span.
 */
final class Charts {
    private static final Color[] COLORS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C)}; // by CellType

    private Charts() {}

    static void writeGradientFlow(List<VanishingGradientExperiment.Run> runs, Path png) throws IOException {
        List<Integer> lengths = runs.stream().map(VanishingGradientExperiment.Run::length).distinct().sorted().toList();
        List<Integer> shown = lengths.subList(Math.max(0, lengths.size() - 2), lengths.size());
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<XYChart[]> rows = new ArrayList<>();
        for (int length : shown.reversed()) {
            XYChart init = chart("At initialization, T = " + length, "distance from the loss, T − t", "log10 ‖∂L/∂h_t‖");
            XYChart trained = chart("After training on the adding problem, T = " + length, "distance from the loss, T − t",
                    "log10 ‖∂L/∂h_t‖");
            for (VanishingGradientExperiment.Run r : runs) {
                if (r.length() != length) continue;
                addProfile(init, r.cell(), r.init(), range);
                addProfile(trained, r.cell(), r.trained(), range);
            }
            for (XYChart c : new XYChart[] {init, trained}) c.getStyler().setXAxisMin(0.0).setXAxisMax((double) length);
            rows.add(new XYChart[] {init, trained});
        }
        if (range[0] <= range[1]) {
            for (XYChart[] row : rows) {
                for (XYChart c : row) {
                    c.getStyler().setYAxisMin(Math.floor(range[0] / 5) * 5).setYAxisMax(Math.max(0, Math.ceil(range[1] / 5) * 5));
                }
            }
        }
        TrainingCurves.writeAtomically(grid(rows), png);
    }

    /** Points where the gradient was flushed to 0 have no logarithm and are left out; {@code range} grows to the y values. */
    private static void addProfile(XYChart c, CellType cell, GradientFlow.Profile p, double[] range) {
        int T = p.length();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int t = T; t >= 1; t--) {
            if (p.at(t) > 0) {
                double v = Math.log10(p.at(t));
                x.add((double) (T - t));
                y.add(v);
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
        }
        if (x.isEmpty()) return;
        XYSeries s = c.addSeries(cell.label(), x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(COLORS[cell.ordinal()]);
    }

    static void writeAdding(List<VanishingGradientExperiment.Run> runs, Path png) throws IOException {
        XYChart c = chart("Adding problem: test MSE after the same training budget", "sequence length T", "test MSE");
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        List<Integer> lengths = runs.stream().map(VanishingGradientExperiment.Run::length).distinct().sorted().toList();
        for (CellType cell : CellType.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (VanishingGradientExperiment.Run r : runs) {
                if (r.cell() == cell && r.testMse() > 0) {
                    x.add((double) r.length());
                    y.add(r.testMse());
                }
            }
            if (x.isEmpty()) continue;
            XYSeries s = c.addSeries(cell.label(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(COLORS[cell.ordinal()]);
            s.setMarkerColor(COLORS[cell.ordinal()]);
        }
        double lo = lengths.get(0), hi = lengths.get(lengths.size() - 1);
        if (hi == lo) hi = lo + 1;
        reference(c, "baseline (always 1)", lo, hi, AddingProblem.BASELINE_MSE, Color.GRAY);
        reference(c, "solved (MSE < " + VanishingGradientExperiment.SOLVED_MSE + ")", lo, hi, VanishingGradientExperiment.SOLVED_MSE, Color.LIGHT_GRAY);
        TrainingCurves.writeAtomically(BitmapEncoder.getBufferedImage(c), png);
    }

    private static void reference(XYChart c, String name, double lo, double hi, double y, Color color) {
        XYSeries s = c.addSeries(name, new double[] {lo, hi}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setLineColor(color);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(640).height(440).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisDecimalPattern("#");
        c.getStyler().setXAxisTickMarkSpacingHint(60);
        return c;
    }

    /** The charts as a grid, one row per array. */
    private static BufferedImage grid(List<XYChart[]> rows) {
        List<BufferedImage[]> images = new ArrayList<>();
        int width = 0, height = 0;
        for (XYChart[] row : rows) {
            BufferedImage[] imgs = new BufferedImage[row.length];
            int w = 0, h = 0;
            for (int i = 0; i < row.length; i++) {
                imgs[i] = BitmapEncoder.getBufferedImage(row[i]);
                w += imgs[i].getWidth();
                h = Math.max(h, imgs[i].getHeight());
            }
            images.add(imgs);
            width = Math.max(width, w);
            height += h;
        }
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage[] imgs : images) {
            int x = 0, h = 0;
            for (BufferedImage img : imgs) {
                g.drawImage(img, x, y, null);
                x += img.getWidth();
                h = Math.max(h, img.getHeight());
            }
            y += h;
        }
        g.dispose();
        return all;
    }
}
