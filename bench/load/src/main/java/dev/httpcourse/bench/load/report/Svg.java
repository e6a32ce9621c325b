package dev.httpcourse.bench.load.report;

import java.util.Locale;

/**
 * A small SVG writer: rectangles, lines and text, nothing else, with every attribute written out
 * (no CSS, no dominant-baseline), so browsers, rsvg, AsciiDoctor and its PDF backend all draw the
 * same picture.
 */
public final class Svg {
    public static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

    public enum Anchor {
        START, MIDDLE, END;

        String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double width;
    private final double height;
    private final String title;
    private final StringBuilder body = new StringBuilder();

    public Svg(double width, double height, String title) {
        this.width = width;
        this.height = height;
        this.title = title;
    }

    public Svg rect(double x, double y, double w, double h, String fill) {
        body.append("  <rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"")
                .append(escape(fill)).append("\"/>\n");
        return this;
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth) {
        body.append("  <line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(escape(stroke))
                .append("\" stroke-width=\"").append(n(strokeWidth)).append("\"/>\n");
        return this;
    }

    /** Text whose baseline is at {@code y}. */
    public Svg text(double x, double y, String text, double size, Anchor anchor, String fill, boolean bold) {
        body.append("  <text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-family=\"")
                .append(FONT).append("\" font-size=\"").append(n(size)).append("\" text-anchor=\"")
                .append(anchor.attribute()).append("\" fill=\"").append(escape(fill)).append('"');
        if (bold) {
            body.append(" font-weight=\"bold\"");
        }
        body.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    public Svg text(double x, double y, String text, double size) {
        return text(x, y, text, size, Anchor.START, "#222222", false);
    }

    /** A rough width of {@code text} at {@code size}, for layout (DejaVu Sans averages about 0.6 em). */
    public static double textWidth(String text, double size) {
        return text.length() * size * 0.6;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    @Override
    public String toString() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + n(width) + "\" height=\""
                + n(height) + "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\">\n"
                + "  <title>" + escape(title) + "</title>\n"
                + "  <rect x=\"0\" y=\"0\" width=\"" + n(width) + "\" height=\"" + n(height) + "\" fill=\"#ffffff\"/>\n"
                + body + "</svg>\n";
    }

    static String escape(String s) {
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Coordinates with at most one decimal, a dot whatever the locale. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite coordinate: " + v);
        }
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }
}
