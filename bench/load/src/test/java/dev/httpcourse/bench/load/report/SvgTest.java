package dev.httpcourse.bench.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgTest {

    static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Element names used anywhere in the document. */
    static Set<String> elements(Document doc) {
        var names = new TreeSet<String>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            names.add(all.item(i).getNodeName());
        }
        return names;
    }

    @Test
    void writesWellFormedSvgWithOnlyBasicShapes() throws Exception {
        String svg = new Svg(200, 100, "t").rect(1, 2, 30.25, 4, "#ff0000").line(0, 0, 10, 10, "#000", 1)
                .text(5, 50, "a < b & \"c\"", 12).toString();
        Document doc = parse(svg);
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals(Set.of("svg", "title", "rect", "line", "text"), elements(doc));
        Element text = (Element) doc.getElementsByTagName("text").item(0);
        assertEquals("a < b & \"c\"", text.getTextContent());
        Element rect = (Element) doc.getElementsByTagName("rect").item(1);
        assertEquals("30.3", rect.getAttribute("width"));
    }

    @Test
    void dropsControlCharactersXmlCannotHold() throws Exception {
        String svg = new Svg(10, 10, "t").text(0, 0, "bell\u0007", 10).toString();
        assertEquals("bell", parse(svg).getElementsByTagName("text").item(0).getTextContent());
    }

    @Test
    void refusesCoordinatesThatAreNotNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new Svg(10, 10, "t").rect(Double.NaN, 0, 1, 1, "#000"));
    }

    @Test
    void clampsNegativeSizesToZero() {
        assertTrue(new Svg(10, 10, "t").rect(0, 0, -5, 1, "#000").toString().contains("width=\"0\""));
    }

    @Test
    void linearAxisEndsOnARoundNumber() {
        var axis = Charts.Axis.linear(437_000);
        assertEquals(500_000, axis.max());
        assertEquals(java.util.List.of(0.0, 100_000.0, 200_000.0, 300_000.0, 400_000.0, 500_000.0), axis.ticks());
        assertEquals(0.5, axis.position(250_000), 1e-9);
    }

    @Test
    void logAxisSpansWholeDecades() {
        var axis = Charts.Axis.log(850, 31_000);
        assertEquals(100, axis.min());
        assertEquals(100_000, axis.max(), 1e-6);
        assertEquals(4, axis.ticks().size());
        assertEquals(0.5, axis.position(3162.2776), 1e-6);
    }

    @Test
    void drawsTheRatiosRangeAsAWhiskerScaledToTheBar() throws Exception {
        var svg = new Svg(860, 100, "t");
        // Axis 0 to 100 over 400 px from x = 180; a bar of 50 whose ratio ran from 0.4 to 0.6 around 0.5.
        double right = Charts.whisker(svg, Charts.Axis.linear(100), 0, 50, new Spread(0.5, 0.4, 0.6));
        assertEquals(420, right, 1e-9);
        NodeList lines = parse(svg.toString()).getElementsByTagName("line");
        assertEquals(3, lines.getLength());
        assertEquals(List.of("340", "11", "420", "11"), ends((Element) lines.item(0)), "from 50 × 0.4/0.5 to 50 × 0.6/0.5");
        assertEquals(List.of("340", "6", "340", "16"), ends((Element) lines.item(1)));
        assertEquals(List.of("420", "6", "420", "16"), ends((Element) lines.item(2)));
    }

    @Test
    void drawsNoWhiskerForARangeOfNoWidth() throws Exception {
        var svg = new Svg(860, 100, "t");
        Charts.whisker(svg, Charts.Axis.linear(100), 0, 50, new Spread(1, 1, 1));
        assertEquals(0, parse(svg.toString()).getElementsByTagName("line").getLength());
    }

    @Test
    void chartsGiveWhiskersToServersButNotToThePeer() throws Exception {
        Document doc = parse(Charts.throughput(Fixtures.report()));
        // stage01-virtual baseline: 55k with a ratio from 0.50 to 0.60 around 0.55, on an axis to 100k.
        double lo = 180 + 400 * 55_000 * 0.50 / 0.55 / 100_000;
        double hi = 180 + 400 * 55_000 * 0.60 / 0.55 / 100_000;
        int caps = 0;
        int peerWhiskers = 0;
        NodeList lines = doc.getElementsByTagName("line");
        for (int i = 0; i < lines.getLength(); i++) {
            Element l = (Element) lines.item(i);
            if (l.getAttribute("stroke-width").equals("1.5") && l.getAttribute("x1").equals(l.getAttribute("x2"))) {
                double x = Double.parseDouble(l.getAttribute("x1"));
                if (Math.abs(x - lo) < 0.1 || Math.abs(x - hi) < 0.1) {
                    caps++;
                }
                if (Math.abs(x - 580) < 0.1) {
                    peerWhiskers++; // netty-epoll's 100k bar ends at 580: no cap may sit there
                }
            }
        }
        assertEquals(2, caps);
        assertEquals(0, peerWhiskers);
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("55k  (0.55×, 0.50–0.60)") && text.contains("100k  (1.00×)"), text);
    }

    @Test
    void subtitlesWrapInsideTheChartsWidth() throws Exception {
        var wrapped = new java.util.ArrayList<Integer>();
        for (String chart : List.of(Charts.throughput(Fixtures.report()), Charts.efficiency(Fixtures.report()),
                Charts.latency(Fixtures.report()))) {
            Document doc = parse(chart);
            double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
            NodeList texts = doc.getElementsByTagName("text");
            int subtitleLines = 0;
            for (int i = 0; i < texts.getLength(); i++) {
                Element t = (Element) texts.item(i);
                if (t.getAttribute("font-size").equals("12") && t.getAttribute("fill").equals("#666666")) {
                    subtitleLines++;
                    double right = Double.parseDouble(t.getAttribute("x")) + Svg.textWidth(t.getTextContent(), 12);
                    assertTrue(right <= width - 16, "runs past the chart: " + t.getTextContent());
                }
            }
            wrapped.add(subtitleLines);
        }
        assertEquals(List.of(2, 2, 1), wrapped, "lines of subtitle: throughput and efficiency wrap, latency fits in one");
    }

    @Test
    void paletteColoursAreFarApart() {
        // "redmean" distance, a cheap approximation of how far apart two colours look; the old tenth
        // colour, #1B9E77, was 39 from the third, #009E73
        var palette = Charts.PALETTE;
        for (int i = 0; i < palette.size(); i++) {
            for (int j = i + 1; j < palette.size(); j++) {
                double d = redmean(palette.get(i), palette.get(j));
                assertTrue(d >= 100, palette.get(i) + " and " + palette.get(j) + " look alike: " + Math.round(d));
            }
        }
    }

    private static double redmean(String a, String b) {
        int r1 = Integer.parseInt(a.substring(1, 3), 16), g1 = Integer.parseInt(a.substring(3, 5), 16);
        int b1 = Integer.parseInt(a.substring(5, 7), 16);
        int r2 = Integer.parseInt(b.substring(1, 3), 16), g2 = Integer.parseInt(b.substring(3, 5), 16);
        int b2 = Integer.parseInt(b.substring(5, 7), 16);
        double rm = (r1 + r2) / 2.0;
        return Math.sqrt((2 + rm / 256) * (r1 - r2) * (r1 - r2) + 4 * (g1 - g2) * (g1 - g2)
                + (2 + (255 - rm) / 256) * (b1 - b2) * (b1 - b2));
    }

    private static List<String> ends(Element line) {
        return List.of(line.getAttribute("x1"), line.getAttribute("y1"), line.getAttribute("x2"), line.getAttribute("y2"));
    }
}
